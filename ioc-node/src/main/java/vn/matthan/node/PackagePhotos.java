package vn.matthan.node;

import vn.matthan.api.reports.ReportPhotos;
import vn.matthan.detection.evidence.PackageStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Field report photos in the evidence store: each photo is a one-file package at the address of its own SHA-256
 * ({@code <sha[0..2]>/<sha>/photo.jpg}), so folders and buckets hold them exactly as they hold evidence packages.
 */
public final class PackagePhotos implements ReportPhotos {
    private final PackageStore store;
    private final Path work;

    /** @param work a folder on this node where a photo is written before the store takes it */
    public PackagePhotos(PackageStore store, Path work) {
        this.store = store;
        this.work = work;
    }

    @Override
    public void store(String sha256, String mediaType, byte[] bytes) throws IOException {
        if (!store.files(sha256).isEmpty()) return; // content-addressed: already there, the same bytes
        Files.createDirectories(work);
        Path dir = Files.createTempDirectory(work, "photo-");
        Path file = dir.resolve("image/png".equals(mediaType) ? "photo.png" : "photo.jpg");
        Files.write(file, bytes);
        try {
            store.put(sha256, dir);
        } finally {
            // A folder store moves the folder away; a bucket store leaves the uploaded copy here.
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public Optional<byte[]> read(String sha256) throws IOException {
        List<String> files = store.files(sha256);
        Optional<String> name = files.stream().filter(f -> f.startsWith("photo.")).findFirst();
        if (name.isEmpty()) return Optional.empty();
        try (InputStream in = store.open(sha256, name.get(), 0, -1)) {
            return Optional.of(in.readAllBytes());
        }
    }
}
