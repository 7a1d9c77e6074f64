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

    public static VideoFrame read(String cameraId, Path file) throws IOException {
        BufferedImage src = ImageIO.read(file.toFile());
        if (src == null) throw new IOException("not a readable image: " + file);
        BufferedImage bgr = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(src, 0, 0, null);
        byte[] px = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
        return new VideoFrame(cameraId, 0, Instant.now(), 0, src.getWidth(), src.getHeight(), px);
    }
}
