package vn.matthan.testscenes;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import vn.matthan.detection.geometry.Point;
import vn.matthan.detection.model.TrafficClass;
import vn.matthan.detection.plate.VietnamesePlate;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getPerspectiveTransform;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;

/**
 * Seeded Vietnamese plate images with ground truth, for the reader's tests and benchmarks: one-line car plates
 * (520×110 mm), two-line car plates (330×165 mm) and motorbike plates (190×140 mm) in white, yellow or blue, drawn
 * in a condensed bold face, on the rear of a drawn vehicle in proportion and seen in perspective; the degraded set adds blur, low resolution,
 * noise, glare, dirt and low light.
 */
public final class PlateImages {
    public static final Path FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf");

    /** One generated picture: the plate's true text and layout, its corners in the picture, the pixels (BGR). */
    public record Sample(String normalised, String display, VietnamesePlate.Format format, String colour, byte[] bgr, int width,
                         int height, List<Point> corners, boolean degraded) {
        /** The class the detector would give the vehicle carrying this plate. */
        public TrafficClass vehicleClass() {
            return format == VietnamesePlate.Format.MOTORBIKE_TWO_LINE ? TrafficClass.MOTORBIKE : TrafficClass.CAR;
        }
    }

    private final Font font;

    public PlateImages() throws IOException {
        try {
            font = Font.createFont(Font.TRUETYPE_FONT, FONT.toFile());
        } catch (FontFormatException e) {
            throw new IOException(FONT + ": " + e.getMessage(), e);
        }
    }

    public Sample sample(Random rng, boolean twoLine, boolean degraded) {
        VietnamesePlate.Format format = !twoLine ? VietnamesePlate.Format.CAR_ONE_LINE
                : rng.nextBoolean() ? VietnamesePlate.Format.MOTORBIKE_TWO_LINE : VietnamesePlate.Format.CAR_TWO_LINE;
        VietnamesePlate.Number n = randomNumber(rng, format);
        double c = rng.nextDouble();
        String colour = format == VietnamesePlate.Format.MOTORBIKE_TWO_LINE || c < 0.7 ? "white" : c < 0.9 ? "yellow" : "blue";
        BufferedImage plate = draw(n, colour, font);
        return place(rng, n, colour, plate, degraded);
    }

    static VietnamesePlate.Number randomNumber(Random rng, VietnamesePlate.Format format) {
        while (true) {
            int province = VietnamesePlates.PROVINCES[rng.nextInt(VietnamesePlates.PROVINCES.length)];
            String series;
            if (format == VietnamesePlate.Format.MOTORBIKE_TWO_LINE) {
                series = "" + VietnamesePlates.BIKE_SERIES.charAt(rng.nextInt(VietnamesePlates.BIKE_SERIES.length()))
                        + (rng.nextInt(5) == 0 ? "" + VietnamesePlates.BIKE_SERIES.charAt(rng.nextInt(VietnamesePlates.BIKE_SERIES.length())) : 1 + rng.nextInt(9));
            } else {
                series = rng.nextInt(12) == 0 ? List.of("LD", "KT", "NG").get(rng.nextInt(3))
                        : "" + VietnamesePlates.CAR_SERIES.charAt(rng.nextInt(VietnamesePlates.CAR_SERIES.length()));
            }
            String serial = rng.nextInt(5) == 0 ? String.format("%04d", rng.nextInt(10000)) : String.format("%05d", rng.nextInt(100000));
            var parsed = VietnamesePlate.parse(String.format("%02d", province) + series + serial, format);
            if (parsed.isPresent()) return parsed.get();
        }
    }

    /** The plate face at its real proportions (mm as px), the rows stretched to fill it as narrow plate faces do. */
    static BufferedImage draw(VietnamesePlate.Number n, String colour, Font font) {
        int w, h;
        switch (n.format()) {
            case CAR_ONE_LINE -> { w = 520; h = 110; }
            case CAR_TWO_LINE -> { w = 330; h = 165; }
            default -> { w = 285; h = 210; }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Color bg = switch (colour) {
            case "yellow" -> new Color(245, 200, 30);
            case "blue" -> new Color(25, 70, 160);
            default -> new Color(240, 240, 236);
        };
        Color ink = colour.equals("blue") ? Color.WHITE : new Color(15, 15, 15);
        g.setColor(bg);
        g.fillRect(0, 0, w, h);
        g.setColor(ink);
        g.setStroke(new BasicStroke(Math.max(3, h / 30f)));
        g.drawRoundRect(4, 4, w - 9, h - 9, 14, 14);
        String[] rows = switch (n.format()) {
            case CAR_ONE_LINE -> new String[]{n.display()};
            case CAR_TWO_LINE -> new String[]{n.display().substring(0, n.display().indexOf('-')), n.display().substring(n.display().indexOf('-') + 1)};
            default -> n.display().split(" ");
        };
        double rowH = (h - 16.0) / rows.length;
        for (int i = 0; i < rows.length; i++) {
            Font f = font.deriveFont(Font.PLAIN, (float) (rowH * 0.92));
            g.setFont(f);
            var fm = g.getFontMetrics();
            double textW = fm.stringWidth(rows[i]), target = w * 0.88;
            double sx = Math.min(1.6, target / textW);
            AffineTransform old = g.getTransform();
            double baseline = 8 + rowH * i + rowH * 0.5 + fm.getAscent() * 0.36;
            g.translate((w - textW * sx) / 2, baseline);
            g.scale(sx, 1);
            g.drawString(rows[i], 0, 0);
            g.setTransform(old);
        }
        g.dispose();
        return img;
    }

    /**
     * Puts the plate on the rear of a drawn vehicle, in proportion (a car is ~1.8 m wide, a motorbike ~0.7 m), as
     * the detector's vehicle crop would show it, then warps it in perspective.
     */
    private Sample place(Random rng, VietnamesePlate.Number n, String colour, BufferedImage plate, boolean degraded) {
        double targetW = degraded ? 70 + rng.nextDouble() * 70 : 120 + rng.nextDouble() * 90;
        double scale = targetW / plate.getWidth();
        double pw = plate.getWidth() * scale, ph = plate.getHeight() * scale;
        boolean bike = n.format() == VietnamesePlate.Format.MOTORBIKE_TWO_LINE;
        double plateMm = switch (n.format()) {
            case CAR_ONE_LINE -> 520;
            case CAR_TWO_LINE -> 330;
            default -> 190;
        };
        double share = plateMm / (bike ? 700 : 1800) * (0.9 + rng.nextDouble() * 0.2);
        int cw = (int) Math.round(pw / share), ch = (int) Math.round(cw * (bike ? 1.2 + rng.nextDouble() * 0.3 : 0.7 + rng.nextDouble() * 0.2));
        double ox = cw / 2.0 - pw / 2 + (rng.nextDouble() - 0.5) * 0.06 * cw;
        double oy = ch * (bike ? 0.55 : 0.68) - ph / 2 + (rng.nextDouble() - 0.5) * 0.04 * ch;
        double jitter = (degraded ? 0.08 : 0.04) * Math.min(pw, ph * 3);
        double[][] dst = {{ox, oy}, {ox + pw, oy}, {ox + pw, oy + ph}, {ox, oy + ph}};
        for (double[] d : dst) {
            d[0] += (rng.nextDouble() * 2 - 1) * jitter;
            d[1] += (rng.nextDouble() * 2 - 1) * jitter * 0.6;
        }
        BufferedImage body = vehicle(rng, cw, ch, bike);
        byte[] src = ((DataBufferByte) plate.getRaster().getDataBuffer()).getData();
        byte[] out = ((DataBufferByte) body.getRaster().getDataBuffer()).getData();
        try (Mat in = new Mat(plate.getHeight(), plate.getWidth(), CV_8UC3); Mat canvas = new Mat(ch, cw, CV_8UC3);
             Mat from = quad(new double[][]{{0, 0}, {plate.getWidth(), 0}, {plate.getWidth(), plate.getHeight()}, {0, plate.getHeight()}});
             Mat to = quad(dst); Mat m = getPerspectiveTransform(from, to)) {
            in.data().put(src);
            canvas.data().put(out);
            warpPerspective(in, canvas, m, new Size(cw, ch), INTER_AREA, 5 /* BORDER_TRANSPARENT */, new Scalar());
            canvas.data().get(out);
        }
        if (degraded) degrade(rng, out, cw, ch);
        List<Point> corners = List.of(new Point(dst[0][0], dst[0][1]), new Point(dst[1][0], dst[1][1]), new Point(dst[2][0], dst[2][1]),
                new Point(dst[3][0], dst[3][1]));
        return new Sample(n.normalised(), n.display(), n.format(), colour, out, cw, ch, corners, degraded);
    }

    /** A plain rear view: road, body in a random paint, rear window, tail lights, bumper (car) or wheel and rider (bike). */
    private static BufferedImage vehicle(Random rng, int w, int h, boolean bike) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int road = 70 + rng.nextInt(70);
        g.setColor(new Color(road, road, road + rng.nextInt(10)));
        g.fillRect(0, 0, w, h);
        Color paint = new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
        if (bike) {
            g.setColor(new Color(20, 20, 20));
            g.fillRoundRect((int) (w * 0.38), (int) (h * 0.7), (int) (w * 0.24), (int) (h * 0.3), w / 8, w / 8);
            g.setColor(new Color(rng.nextInt(200), rng.nextInt(200), rng.nextInt(200)));
            g.fillRoundRect((int) (w * 0.1), 0, (int) (w * 0.8), (int) (h * 0.42), w / 4, w / 4);
            g.setColor(paint);
            g.fillRoundRect((int) (w * 0.15), (int) (h * 0.36), (int) (w * 0.7), (int) (h * 0.36), w / 6, w / 6);
            g.setColor(new Color(200, 30, 30));
            g.fillRect((int) (w * 0.4), (int) (h * 0.38), (int) (w * 0.2), (int) (h * 0.07));
        } else {
            g.setColor(paint);
            g.fillRoundRect((int) (w * 0.03), (int) (h * 0.08), (int) (w * 0.94), (int) (h * 0.84), w / 10, w / 10);
            g.setColor(new Color(35, 40, 50));
            g.fillRoundRect((int) (w * 0.14), (int) (h * 0.12), (int) (w * 0.72), (int) (h * 0.3), w / 16, w / 16);
            g.setColor(new Color(190, 25, 25));
            g.fillRect((int) (w * 0.05), (int) (h * 0.47), (int) (w * 0.17), (int) (h * 0.1));
            g.fillRect((int) (w * 0.78), (int) (h * 0.47), (int) (w * 0.17), (int) (h * 0.1));
            g.setColor(paint.darker().darker());
            g.fillRect((int) (w * 0.03), (int) (h * 0.82), (int) (w * 0.94), (int) (h * 0.1));
        }
        g.dispose();
        return img;
    }

    /** Two or three of: blur, low resolution, sensor noise, glare, dirt, low light. */
    private static void degrade(Random rng, byte[] px, int w, int h) {
        boolean[] on = new boolean[6];
        for (int k = 0; k < 2 + rng.nextInt(2); k++) on[rng.nextInt(6)] = true;
        try (Mat m = new Mat(h, w, CV_8UC3)) {
            m.data().put(px);
            if (on[0]) {
                double sigma = 0.6 + rng.nextDouble() * 1.0;
                GaussianBlur(m, m, new Size(0, 0), sigma);
            }
            if (on[1]) {
                double f = 0.45 + rng.nextDouble() * 0.25;
                try (Mat small = new Mat()) {
                    resize(m, small, new Size((int) (w * f), (int) (h * f)), 0, 0, INTER_AREA);
                    resize(small, m, new Size(w, h), 0, 0, INTER_LINEAR);
                }
            }
            m.data().get(px);
        }
        double gain = on[5] ? 0.35 + rng.nextDouble() * 0.25 : 1;
        double noise = on[2] ? 5 + rng.nextDouble() * 9 : 0;
        double gx = rng.nextDouble() * w, gy = rng.nextDouble() * h, gr = Math.max(w, h) * (0.15 + rng.nextDouble() * 0.2);
        int blobs = on[4] ? 3 + rng.nextInt(5) : 0;
        double[][] dirt = new double[blobs][];
        for (int b = 0; b < blobs; b++) dirt[b] = new double[]{rng.nextDouble() * w, rng.nextDouble() * h, 2 + rng.nextDouble() * 5};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double glare = on[3] ? 150 * Math.exp(-((x - gx) * (x - gx) + (y - gy) * (y - gy)) / (2 * gr * gr)) : 0;
                double shade = 1;
                for (double[] d : dirt) if (Math.hypot(x - d[0], y - d[1]) < d[2]) shade = 0.45;
                double n = noise > 0 ? rng.nextGaussian() * noise : 0;
                for (int c = 0; c < 3; c++) {
                    int i = (y * w + x) * 3 + c;
                    double v = (px[i] & 0xff) * shade * gain + glare + n;
                    px[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
                }
            }
        }
    }

    static Mat quad(double[][] p) {
        float[] f = new float[8];
        for (int i = 0; i < 4; i++) {
            f[2 * i] = (float) p[i][0];
            f[2 * i + 1] = (float) p[i][1];
        }
        Mat m = new Mat(4, 1, CV_32FC2);
        new FloatPointer(m.data()).put(f);
        return m;
    }
}
