package vn.matthan.detection.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Packages in a folder, {@code <root>/<sha[0..2]>/<sha>/}: the node's data folder by default, or a folder every node
 * mounts (NFS). A package arrives by one atomic rename of its finished folder, so a reader sees all of it or nothing.
 */
public final class FilePackageStore implements PackageStore {
    private final Path root;

    public FilePackageStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    /** Where the package is or would be. */
    public Path folder(String sha256) {
        return root.resolve(PackageStore.relative(sha256));
    }

    /** {@code dir} must be on the root's file system (the packager works in a hidden folder under the root). */
    @Override
    public void put(String sha256, Path dir) throws IOException {
        Path target = folder(sha256);
        Files.createDirectories(target.getParent());
        try {
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException ex) {
            if (!Files.isDirectory(target)) throw ex; // same content already stored: keep the first
            deleteTree(dir);
        }
    }

    @Override
    public boolean exists(String sha256) {
        return PackageStore.isAddress(sha256) && Files.isRegularFile(folder(sha256).resolve("manifest.json"));
    }

    @Override
    public List<String> files(String sha256) throws IOException {
        if (!PackageStore.isAddress(sha256) || !Files.isDirectory(folder(sha256))) return List.of();
        try (Stream<Path> s = Files.list(folder(sha256))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public InputStream open(String sha256, String file, long offset, long length) throws IOException {
        Path p = folder(sha256).resolve(file).normalize();
        if (!p.getParent().equals(folder(sha256))) throw new NoSuchFileException(file, null, "not a file of package " + sha256);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
        ch.position(offset);
        InputStream in = Channels.newInputStream(ch);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public Optional<Path> localCopy(String sha256) {
        if (!PackageStore.isAddress(sha256)) return Optional.empty();
        Path dir = folder(sha256);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    @Override
    public void probe() throws IOException {
        Files.createDirectories(root);
        if (!Files.isWritable(root)) throw new IOException("evidence folder " + root + " is not writable");
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover work folder is harmless and never addressed
        }
    }

    /** At most {@code limit} bytes of the stream; closing closes the stream. */
    static final class BoundedInputStream extends java.io.FilterInputStream {
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) return -1;
            int b = in.read();
            if (b >= 0) left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) left -= n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(Math.min(n, left));
            left -= s;
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(in.available(), left);
        }
    }
}
