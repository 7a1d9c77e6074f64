package vn.matthan.detection.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where finished evidence packages live, addressed by the SHA-256 of their manifest: a folder on this node or a shared
 * one ({@link FilePackageStore}, {@code <root>/<sha[0..2]>/<sha>/<file>}), or an S3-compatible object store with the
 * same layout as object keys. Packages are immutable: the same address always holds the same files, and a package
 * stored twice keeps the first copy. Nothing here verifies: readers run {@link EvidenceVerifier} on
 * {@link #localCopy} before they trust a byte.
 */
public interface PackageStore {
    Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Where the packages are, for logs and errors: {@code file:/…} or {@code s3://bucket/prefix}. */
    String describe();

    /**
     * Stores the finished package in {@code dir} (its files, no sub-folders) under {@code sha256}. It is addressable
     * when this returns: every file is stored before the call ends, so a violation event naming the address is only
     * sent once the whole package can be read. The folder is consumed (moved or deleted).
     */
    void put(String sha256, Path dir) throws IOException;

    /** Whether a package is stored at this address (its manifest.json is). */
    boolean exists(String sha256) throws IOException;

    /** The names of the files stored under this address, sorted; empty when there is no package. */
    List<String> files(String sha256) throws IOException;

    /**
     * Reads {@code length} bytes of one file from {@code offset} ({@code length < 0}: to the end), as the review desk's
     * video player asks for the clip. Throws {@link java.nio.file.NoSuchFileException} when the file is not stored.
     */
    InputStream open(String sha256, String file, long offset, long length) throws IOException;

    /**
     * A folder on this machine holding exactly the files the store holds now under this address, named by the
     * address, for {@link EvidenceVerifier#verify}; empty when there is no package. A folder store answers with the
     * package's own folder; a remote store with a local copy it refreshes on each call.
     */
    Optional<Path> localCopy(String sha256) throws IOException;

    /**
     * Drops what is known about the local copy of this package, so that the next {@link #localCopy} fetches every file
     * again; true when there was something to drop (a remote store's copy), false for a folder store.
     */
    default boolean forget(String sha256) {
        return false;
    }

    /** Checks that the store answers (at start, so a bad bucket or endpoint is said once, plainly). */
    void probe() throws IOException;

    static boolean isAddress(String sha256) {
        return sha256 != null && SHA256.matcher(sha256).matches();
    }

    /** The address as a relative path: {@code <sha[0..2]>/<sha>}. */
    static String relative(String sha256) {
        if (!isAddress(sha256)) throw new IllegalArgumentException("not a package address (64 hex digits): " + sha256);
        return sha256.substring(0, 2) + "/" + sha256;
    }
}
