package vn.matthan.api;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A small JPEG of an evidence still's scene for the live wall's feed: the data bar (which carries the plate) is cut
 * off, as the wall shows no plates; the original stays untouched in its signed package.
 */
final class Thumbnail {
    static final int WIDTH = 320;

    private Thumbnail() {
    }

    static byte[] of(Path jpeg) throws IOException {
        BufferedImage still = ImageIO.read(jpeg.toFile());
        if (still == null) throw new IOException("not an image: " + jpeg.getFileName());
        int scene = still.getHeight() - vn.matthan.events.EvidenceStill.dataBarHeight(still.getWidth());
        BufferedImage src = scene > 0 ? still.getSubimage(0, 0, still.getWidth(), scene) : still;
        int w = Math.min(WIDTH, src.getWidth());
        int h = Math.max(1, Math.round(src.getHeight() * (w / (float) src.getWidth())));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream os = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(os);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(out, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
