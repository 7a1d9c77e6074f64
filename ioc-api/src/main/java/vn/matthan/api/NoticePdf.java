package vn.matthan.api;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The violation notice (Thông báo vi phạm) as an A4 PDF: issuing authority, the plate, time, place, violation and
 * legal basis, the registered owner, the evidence stills, the evidence hash and a QR code to the public lookup.
 * Vietnamese text in an embedded TrueType font (subset), so it prints and extracts correctly everywhere.
 */
final class NoticePdf {
    /** The facts of the case the notice states. */
    record Facts(String noticeNumber, String plateDisplay, String plateNormalised, String vehicleClassVi, String timeLocal,
                 String place, String violationVi, String violationType, String detail, String evidenceSha256) {
    }

    private NoticePdf() {
    }

    static byte[] render(Facts f, Owner owner, List<Path> stills, NoticeSettings s) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font font = PDType0Font.load(doc, s.fontFile().toFile());
            // What people type or copy from the notice (the evidence hash, the lookup address) is set in the
            // monospaced face of the same family: the proportional face's ff/fi/fl ligatures would print and copy
            // a string that is not the real one.
            Path monoFile = s.fontFile().resolveSibling("DejaVuSansMono.ttf");
            PDType0Font mono = java.nio.file.Files.isRegularFile(monoFile) ? PDType0Font.load(doc, monoFile.toFile()) : font;
            float w = page.getMediaBox().getWidth(), h = page.getMediaBox().getHeight(), m = 48;
            try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
                float y = h - m;
                float ay = y;
                for (String line : wrap(s.authority().toUpperCase(), font, 9, w / 2 - m - 10)) {
                    text(c, font, 9, m, ay, line);
                    ay -= 12;
                }
                text(c, font, 9, m, ay - 2, "Số: " + f.noticeNumber() + "/TB-CSGT");
                text(c, font, 10, w / 2 + 20, y, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
                text(c, font, 10, w / 2 + 50, y - 14, "Độc lập – Tự do – Hạnh phúc");
                text(c, font, 9, w / 2 + 50, y - 30, s.place() + ", " + f.timeLocal().substring(0, 10));
                y = Math.min(ay - 2, y - 30) - 34;
                text(c, font, 16, m + 120, y, "THÔNG BÁO VI PHẠM");
                y -= 16;
                text(c, font, 10, m + 40, y, "Thông báo vi phạm hành chính về trật tự, an toàn giao thông đường bộ");
                y -= 13;
                text(c, font, 10, m + 70, y, "được phát hiện qua hệ thống giám sát bằng hình ảnh (phạt nguội)");
                y -= 26;
                String[][] rows = {
                        {"Biển số đăng ký", f.plateDisplay()},
                        {"Loại phương tiện", f.vehicleClassVi()},
                        {"Chủ phương tiện", owner == null ? "Chưa xác định (không có trong cơ sở dữ liệu đăng ký)" : owner.name()},
                        {"Địa chỉ", owner == null ? "—" : owner.address()},
                        {"Thời gian vi phạm", f.timeLocal()},
                        {"Địa điểm", f.place()},
                        {"Hành vi vi phạm", f.violationVi()},
                        {"Căn cứ", s.legalBasis().getOrDefault(f.violationType(), "theo quy định hiện hành")},
                        {"Mã chứng cứ (SHA-256)", f.evidenceSha256() == null ? "—" : f.evidenceSha256()},
                };
                for (String[] r : rows) {
                    text(c, font, 10, m, y, r[0] + ":");
                    boolean hash = r[1].length() == 64 && !r[1].contains(" ");
                    float size = hash ? 8 : 10; // the evidence hash fits one line
                    PDType0Font face = hash ? mono : font;
                    for (String line : wrap(r[1], face, size, w - m - 170)) {
                        text(c, face, size, m + 130, y, line);
                        y -= 14;
                    }
                    y -= 2;
                }
                y -= 6;
                float imgW = (w - 2 * m - 16) / 3;
                float imgH = 0;
                for (int i = 0; i < stills.size() && i < 3; i++) {
                    PDImageXObject img = PDImageXObject.createFromFile(stills.get(i).toString(), doc);
                    float ih = imgW * img.getHeight() / img.getWidth();
                    imgH = Math.max(imgH, ih);
                    c.drawImage(img, m + i * (imgW + 8), y - ih, imgW, ih);
                }
                y -= imgH + 14;
                text(c, font, 8, m, y, "Ảnh 1: trước vi phạm · Ảnh 2: thời điểm vi phạm · Ảnh 3: sau vi phạm (có dải thông tin thời gian, vị trí)");
                y -= 22;
                for (String line : wrap(s.instructions(), font, 10, w - 2 * m - 120)) {
                    text(c, font, 10, m, y, line);
                    y -= 14;
                }
                String url = s.lookupFor(f.plateNormalised());
                qr(c, url, w - m - 100, m + 20, 100);
                String label = "Tra cứu vi phạm: ";
                text(c, font, 8, m, m + 30, label);
                text(c, mono, 8, m + font.getStringWidth(label) / 1000 * 8, m + 30, url);
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void text(PDPageContentStream c, PDType0Font font, float size, float x, float y, String s) throws IOException {
        c.beginText();
        c.setFont(font, size);
        c.newLineAtOffset(x, y);
        c.showText(s);
        c.endText();
    }

    private static List<String> wrap(String s, PDType0Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : s.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(next) / 1000 * size > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        if (!line.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** The QR code drawn as vector squares (sharp at any print size). */
    private static void qr(PDPageContentStream c, String text, float x, float y, float size) throws IOException {
        BitMatrix bits;
        try {
            bits = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IOException("QR code for " + text + ": " + e.getMessage(), e);
        }
        float cell = size / bits.getWidth();
        c.setNonStrokingColor(1f, 1f, 1f);
        c.addRect(x, y, size, size);
        c.fill();
        c.setNonStrokingColor(0f, 0f, 0f);
        for (int i = 0; i < bits.getWidth(); i++) {
            for (int j = 0; j < bits.getHeight(); j++) {
                if (bits.get(i, j)) c.addRect(x + i * cell, y + size - (j + 1) * cell, cell, cell);
            }
        }
        c.fill();
    }
}
