package vn.matthan.node;

import vn.matthan.api.reports.ReportPhotos;
import vn.matthan.detection.evidence.PackageStore;
import vn.matthan.detection.evidence.PhotoPackages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Field report photos (and passage thumbnails, read by the route tracing API) as photo packages of the evidence store. */
public final class PackagePhotos implements ReportPhotos {
    private final PhotoPackages photos;

    /** @param work a folder on this node where a photo is written before the store takes it */
    public PackagePhotos(PackageStore store, Path work) {
        this.photos = new PhotoPackages(store, work);
    }

    @Override
    public void store(String sha256, String mediaType, byte[] bytes) throws IOException {
        photos.store(sha256, mediaType, bytes);
    }

    @Override
    public Optional<byte[]> read(String sha256) throws IOException {
        return photos.read(sha256);
    }
}
