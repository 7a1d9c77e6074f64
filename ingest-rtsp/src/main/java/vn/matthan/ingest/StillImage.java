package vn.matthan.ingest;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Reads a still image (JPEG/PNG) as a frame, for snapshots and tests on real photos. */
public final class StillImage {
    private StillImage() {
    }

    /** The frame as JPEG (its own copy of the pixels: the frame may be handed on). */
    public static byte[] jpeg(VideoFrame f) throws IOException {
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(f.bgr(), 0, px, 0, px.length);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(img, "jpg", out)) throw new IOException("no JPEG writer");
        return out.toByteArray();
    }

    public static VideoFrame read(String cameraId, Path file) throws IOException {
        BufferedImage src = ImageIO.read(file.toFile());
        if (src == null) throw new IOException("not a readable image: " + file);
        BufferedImage bgr = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(src, 0, 0, null);
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        return new VideoFrame(cameraId, 0, Instant.now(), 0, src.getWidth(), src.getHeight(), px);
    }
}
