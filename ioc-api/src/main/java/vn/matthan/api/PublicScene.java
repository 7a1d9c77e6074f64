package vn.matthan.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The violation scene as the public lookup page may show it: anyone who knows a plate sees it, so it must show the
 * violating vehicle and nothing else that identifies anyone. The wall's {@link Thumbnail} (data bar cut off, 320 px)
 * is not enough here: a close camera's frame still holds readable plates of other vehicles and faces at that size.
 * So:
 * <ul>
 *   <li>the data bar (time, place, plate text) is cut off, as for the wall;</li>
 *   <li>only the violating vehicle's box from the signed manifest (the box drawn on the violation still), widened by
 *       {@link #MARGIN} of its size, stays sharp; everything else is pixelated into blocks of 1/{@link #BLOCKS} of the
 *       frame width (a plate becomes a few flat blocks at any camera distance), which keeps the junction's layout and
 *       the signal recognisable;</li>
 *   <li>without a box the whole scene is pixelated: nothing is shown sharp that was not checked to be the vehicle.</li>
 * </ul>
 * Left: a vehicle overlapping the violating one inside its box stays sharp there, as it does in the evidence.
 */
final class PublicScene {
    static final int WIDTH = 640;
    static final int BLOCKS = 48;
    static final double MARGIN = 0.08;

    private PublicScene() {
    }

    /** @param pkg a verified evidence package */
    static byte[] of(Path pkg) throws IOException {
        BufferedImage still = ImageIO.read(pkg.resolve("still-2-violation.jpg").toFile());
        if (still == null) throw new IOException("not an image: still-2-violation.jpg");
        int[] box = box(pkg.resolve("manifest.json"));
        int sceneH = still.getHeight() - vn.matthan.events.EvidenceStill.dataBarHeight(still.getWidth());
        BufferedImage scene = sceneH > 0 ? still.getSubimage(0, 0, still.getWidth(), sceneH) : still;
        int w = scene.getWidth(), h = scene.getHeight();
        int block = Math.max(4, w / BLOCKS);
        // Pixelate: each block becomes its mean colour.
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int by = 0; by < h; by += block) {
            for (int bx = 0; bx < w; bx += block) {
                long r = 0, g = 0, b = 0, n = 0;
                int ex = Math.min(w, bx + block), ey = Math.min(h, by + block);
                for (int y = by; y < ey; y++) {
                    for (int x = bx; x < ex; x++) {
                        int p = scene.getRGB(x, y);
                        r += (p >> 16) & 0xff;
                        g += (p >> 8) & 0xff;
                        b += p & 0xff;
                        n++;
                    }
                }
                int mean = (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
                for (int y = by; y < ey; y++) for (int x = bx; x < ex; x++) out.setRGB(x, y, mean);
            }
        }
        if (box != null) {
            int mx = (int) Math.round((box[2] - box[0]) * MARGIN), my = (int) Math.round((box[3] - box[1]) * MARGIN);
            int x1 = clamp(box[0] - mx, w), y1 = clamp(box[1] - my, h), x2 = clamp(box[2] + mx, w), y2 = clamp(box[3] + my, h);
            if (x2 > x1 && y2 > y1) {
                Graphics2D g = out.createGraphics();
                g.drawImage(scene.getSubimage(x1, y1, x2 - x1, y2 - y1), x1, y1, null);
                g.dispose();
            }
        }
        int ow = Math.min(WIDTH, w), oh = Math.max(1, Math.round(h * (ow / (float) w)));
        BufferedImage small = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(out, 0, 0, ow, oh, null);
        g.dispose();
        return Jpeg.of(small, 0.82f);
    }

    /** The violating vehicle's box {x1, y1, x2, y2} in frame pixels, as the signed manifest states it; null if none. */
    static int[] box(Path manifest) throws IOException {
        if (!Files.isRegularFile(manifest)) return null;
        JsonArray a = new JsonObject(Files.readString(manifest)).getJsonArray("box");
        if (a == null || a.size() != 4) return null;
        int[] box = new int[4];
        for (int i = 0; i < 4; i++) box[i] = (int) Math.round(((Number) a.getValue(i)).doubleValue());
        return box[2] > box[0] && box[3] > box[1] ? box : null;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
