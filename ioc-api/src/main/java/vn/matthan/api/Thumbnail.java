package vn.matthan.api;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
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
        return Jpeg.of(out, 0.8f);
    }
}
