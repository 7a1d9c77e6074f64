package vn.matthan.api.reports;

import java.io.IOException;
import java.util.Optional;

/**
 * Where field report photos are kept: content-addressed by their SHA-256 in the evidence store (the node adapts its
 * PackageStore: one photo per address), so the same photo sent twice is stored once and a changed byte is detectable.
 * Photos are kept as received (EXIF included): they are shown only to signed-in staff, each view audited.
 */
public interface ReportPhotos {
    /** Stores the bytes under their SHA-256 (a no-op when that address is already stored). */
    void store(String sha256, String mediaType, byte[] bytes) throws IOException;

    /** The bytes stored under this address; empty when there are none. The caller checks their hash before use. */
    Optional<byte[]> read(String sha256) throws IOException;

    ReportPhotos NONE = new ReportPhotos() {
        @Override
        public void store(String sha256, String mediaType, byte[] bytes) throws IOException {
            throw new IOException("no photo store is configured on this node");
        }

        @Override
        public Optional<byte[]> read(String sha256) {
            return Optional.empty();
        }
    };
}
