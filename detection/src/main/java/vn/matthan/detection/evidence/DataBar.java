package vn.matthan.detection.evidence;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Burns the data bar under a still: a dark band added below the picture (never covering it) with two lines of
 * white Vietnamese text in an embedded TrueType font (DejaVu Sans from Debian's fonts-dejavu-core by default).
 */
public final class DataBar {
    public static final Path DEFAULT_FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    public static final Color BACKGROUND = new Color(16, 16, 16);
    private final Font font;

    public DataBar(Path fontFile) throws IOException {
        if (!Files.isRegularFile(fontFile)) {
            throw new IOException("font for the evidence data bar not found: " + fontFile + " (install fonts-dejavu-core: ./ioc setup)");
        }
        try {
            font = Font.createFont(Font.TRUETYPE_FONT, fontFile.toFile());
        } catch (FontFormatException e) {
            throw new IOException("not a TrueType font: " + fontFile, e);
        }
    }

    /** Height of the bar for a frame of this width. */
    public static int height(int width) {
        return vn.matthan.events.EvidenceStill.dataBarHeight(width);
    }

    /**
     * The frame (packed BGR24) with the bar below it, and an outline around the vehicle when {@code box} is given.
     */
    public BufferedImage render(byte[] bgr, int width, int height, String line1, String line2, int[] box) {
        int bar = height(width);
        BufferedImage img = new BufferedImage(width, height + bar, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(bgr, 0, px, 0, width * height * 3);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            if (box != null) {
                g.setColor(new Color(255, 40, 40));
                g.setStroke(new java.awt.BasicStroke(Math.max(2, width / 480f)));
                g.drawRect(box[0], box[1], box[2] - box[0], box[3] - box[1]);
            }
            g.setColor(BACKGROUND);
            g.fillRect(0, height, width, bar);
            g.setColor(Color.WHITE);
            float size = bar * 0.36f;
            int pad = Math.round(size * 0.5f);
            // Shrink until both lines fit: a long camera name must never be cut off.
            Font f = font.deriveFont(Font.PLAIN, size);
            while (size > 8 && Math.max(g.getFontMetrics(f).stringWidth(line1), g.getFontMetrics(f).stringWidth(line2)) > width - 2 * pad) {
                size -= 0.5f;
                f = font.deriveFont(Font.PLAIN, size);
            }
            g.setFont(f);
            g.drawString(line1, pad, height + Math.round(bar * 0.42f));
            g.drawString(line2, pad, height + Math.round(bar * 0.86f));
        } finally {
            g.dispose();
        }
        return img;
    }
}
