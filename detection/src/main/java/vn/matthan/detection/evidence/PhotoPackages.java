package vn.matthan.detection.evidence;

import vn.matthan.detection.plate.PassagePlateReader;
import vn.matthan.detection.plate.PlateSightings;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Single photos in the evidence store — field report photos and the vehicle thumbnails of passages — each a one-file
 * package at the address of its own SHA-256 ({@code <sha[0..2]>/<sha>/photo.jpg}), so folders and buckets hold them
 * exactly as they hold evidence packages, the same photo is stored once, and a changed byte is detectable.
 */
public final class PhotoPackages implements PassagePlateReader.Thumbnails {
    /** Thumbnails are this wide at most: enough to tell the vehicle's type and colour on a sightings list. */
    static final int THUMBNAIL_WIDTH = 240;

    private final PackageStore store;
    private final Path work;

    /** @param work a folder on this node where a photo is written before the store takes it */
    public PhotoPackages(PackageStore store, Path work) {
        this.store = store;
        this.work = work;
    }

    /** Stores the bytes under their SHA-256 (nothing to do when that address is already stored). */
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

    /** The bytes stored under this address; empty when there are none. The caller checks their hash before use. */
    public Optional<byte[]> read(String sha256) throws IOException {
        List<String> files = store.files(sha256);
        Optional<String> name = files.stream().filter(f -> f.startsWith("photo.")).findFirst();
        if (name.isEmpty()) return Optional.empty();
        try (InputStream in = store.open(sha256, name.get(), 0, -1)) {
            return Optional.of(in.readAllBytes());
        }
    }

    /** A passage's vehicle, scaled down to a JPEG thumbnail and stored; its address, or null when it could not be. */
    @Override
    public String store(PlateSightings.View view) {
        try {
            byte[] jpeg = thumbnail(view);
            String sha = sha256(jpeg);
            store(sha, "image/jpeg", jpeg);
            return sha;
        } catch (IOException | UncheckedIOException e) {
            return null; // the passage still goes out with its plate; only the picture is missing
        }
    }

    static byte[] thumbnail(PlateSightings.View v) throws IOException {
        BufferedImage full = new BufferedImage(v.width(), v.height(), BufferedImage.TYPE_3BYTE_BGR);
        System.arraycopy(v.bgr(), 0, ((DataBufferByte) full.getRaster().getDataBuffer()).getData(), 0, v.bgr().length);
        double scale = Math.min(1, (double) THUMBNAIL_WIDTH / v.width());
        int w = Math.max(1, (int) Math.round(v.width() * scale)), h = Math.max(1, (int) Math.round(v.height() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(full, 0, 0, w, h, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.85f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(small, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
