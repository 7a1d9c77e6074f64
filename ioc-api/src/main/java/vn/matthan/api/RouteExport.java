package vn.matthan.api;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Calendar;
import java.util.List;

/**
 * A plate's route for a case file. The PDF (A4, Vietnamese, embedded DejaVu) lists the sightings in time order with a
 * sketch of the route by the cameras' coordinates, then the look-alike plates apart; it carries a PDF signature (CMS
 * detached, Ed25519, the API node's export key), so any change to the file after export breaks it. The CSV has one row
 * per sighting and ends with a line {@code # signature: ed25519 key=<id> sha256=<hex> value=<base64>} over every byte
 * before that line.
 */
final class RouteExport {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(VIETNAM);
    static final String SIGNATURE_LINE = "# signature: ed25519 key=";
    private static final Path FONT = IocApiVerticle.FONTS.resolve("DejaVuSans.ttf"), MONO = IocApiVerticle.FONTS.resolve("DejaVuSansMono.ttf");

    private RouteExport() {
    }

    static String direction(String d) {
        return "forward".equals(d) ? "chiều xuôi" : "backward".equals(d) ? "chiều ngược" : d;
    }

    static byte[] csv(RouteTracingRoutes.Route route, Principal who, Instant made, ExportSigner signer) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            p.printRecord("kind", "seq", "time_utc", "time_vietnam", "camera_id", "camera_name", "unit_code", "latitude", "longitude",
                    "direction", "lane", "count_line", "vehicle_class", "plate", "plate_display", "confidence", "needs_check", "passages");
            int seq = 0;
            for (List<RouteTracingRoutes.Sighting> group : List.of(route.sightings(), route.nearMatches())) {
                String kind = group == route.sightings() ? "sighting" : "near_match";
                for (RouteTracingRoutes.Sighting s : group) {
                    p.printRecord(kind, ++seq, s.time(), LOCAL.format(s.time()), s.cameraId(), s.cameraName(), s.unitCode(), s.latitude(),
                            s.longitude(), s.direction(), s.lane(), s.countLine(), s.vehicleClass(), s.plate(), s.plateDisplay(),
                            s.confidence(), s.needsCheck(), s.passages());
                }
            }
        }
        RouteTracingRoutes.Lookup q = route.lookup();
        out.append("# plate=").append(q.plate()).append(" from=").append(q.from()).append(" to=").append(q.to())
                .append(" exported_by=").append(who.username()).append(" at=").append(made).append(" truncated=").append(route.truncated())
                .append("\r\n");
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        String line = SIGNATURE_LINE + signer.keyId() + " sha256=" + RouteTracingRoutes.sha256(body) + " value="
                + Base64.getEncoder().encodeToString(signer.sign(body)) + "\r\n";
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(body);
        all.write(line.getBytes(StandardCharsets.US_ASCII));
        return all.toByteArray();
    }

    static byte[] pdf(RouteTracingRoutes.Route route, Principal who, Instant made, ExportSigner signer) throws IOException {
        byte[] unsigned = render(route, who, made, signer);
        try (PDDocument doc = Loader.loadPDF(unsigned); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            sig.setName("Mắt Thần IOC — khóa xuất " + signer.keyId());
            sig.setReason("Trích xuất lộ trình biển số " + route.lookup().plate() + " (" + who.username() + ")");
            Calendar at = Calendar.getInstance();
            at.setTimeInMillis(made.toEpochMilli());
            sig.setSignDate(at);
            doc.addSignature(sig, content -> signer.cms(content.readAllBytes()));
            doc.saveIncremental(out);
            return out.toByteArray();
        }
    }

    private static byte[] render(RouteTracingRoutes.Route route, Principal who, Instant made, ExportSigner signer) throws IOException {
        RouteTracingRoutes.Lookup q = route.lookup();
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDType0Font font = PDType0Font.load(doc, FONT.toFile());
            PDType0Font mono = java.nio.file.Files.isRegularFile(MONO) ? PDType0Font.load(doc, MONO.toFile()) : font;
            Page page = new Page(doc, font);
            page.text(15, "TRÍCH XUẤT LỘ TRÌNH PHƯƠNG TIỆN THEO BIỂN SỐ");
            page.gap(6);
            String display = route.sightings().stream().map(RouteTracingRoutes.Sighting::plateDisplay).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(q.plate());
            page.text(11, "Biển số: " + display + "   (" + q.plate() + ")");
            page.text(10, "Khoảng thời gian: " + LOCAL.format(q.from()) + " – " + LOCAL.format(q.to()) + " (giờ Việt Nam)");
            page.text(10, "Lý do tra cứu: " + q.reason());
            if (q.caseRef() != null) page.text(10, "Hồ sơ vụ việc: " + q.caseRef());
            page.text(10, "Người trích xuất: " + who.username() + " (" + who.role() + "), lúc " + LOCAL.format(made));
            page.text(10, "Phạm vi: camera thuộc đơn vị " + (who.seesEveryUnit() ? "tất cả" : String.join(", ", who.unitCodes())));
            page.gap(8);
            page.text(12, "1. Các lần phương tiện được ghi nhận (" + route.sightings().size() + ")");
            if (route.sightings().isEmpty()) page.text(10, "Không có lần ghi nhận nào trong khoảng thời gian này.");
            else sketch(page, route.sightings());
            table(page, route.sightings());
            page.gap(8);
            page.text(12, "2. Biển số gần giống (khác một ký tự dễ nhầm) — cần đối chiếu (" + route.nearMatches().size() + ")");
            if (route.nearMatches().isEmpty()) page.text(10, "Không có.");
            table(page, route.nearMatches());
            if (route.truncated()) page.text(10, "Chỉ liệt kê " + RouteTracingRoutes.MAX_SIGHTINGS + " lần đầu; thu hẹp khoảng thời gian để xem hết.");
            page.gap(8);
            page.text(9, "Biển số do máy đọc; dòng có dấu (*) cần người kiểm tra. Tệp được ký số (Ed25519) bằng khóa xuất của hệ thống:");
            page.font = mono;
            page.text(8, "key " + signer.keyId() + "  " + signer.publicKeyBase64());
            page.close();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void table(Page page, List<RouteTracingRoutes.Sighting> rows) throws IOException {
        int n = 0;
        for (RouteTracingRoutes.Sighting s : rows) {
            String conf = s.confidence() == null ? "—" : String.format("%.0f%%", s.confidence() * 100);
            page.text(9, String.format("%d. %s  %s — %s  [%s, %s]  %s  %s%s", ++n, LOCAL.format(s.time()),
                    s.plateDisplay() == null ? s.plate() : s.plateDisplay(), s.cameraName(), s.cameraId(), direction(s.direction()),
                    ViolationFigureRoutes.classVi(s.vehicleClass()), conf, Boolean.TRUE.equals(s.needsCheck()) ? " (*)" : ""));
        }
    }

    /** The sightings as numbered points by their cameras' coordinates, joined in time order (no map tiles offline). */
    private static void sketch(Page page, List<RouteTracingRoutes.Sighting> s) throws IOException {
        List<double[]> pts = new ArrayList<>();
        for (RouteTracingRoutes.Sighting x : s) if (x.latitude() != null && x.longitude() != null) pts.add(new double[]{x.longitude(), x.latitude()});
        if (pts.size() < 2) return;
        double minX = pts.stream().mapToDouble(p -> p[0]).min().orElse(0), maxX = pts.stream().mapToDouble(p -> p[0]).max().orElse(1);
        double minY = pts.stream().mapToDouble(p -> p[1]).min().orElse(0), maxY = pts.stream().mapToDouble(p -> p[1]).max().orElse(1);
        double span = Math.max(1e-4, Math.max(maxX - minX, maxY - minY));
        float w = 240, h = 140, x0 = page.margin + 20;
        page.need(h + 16);
        float y0 = page.y - h - 6;
        PDPageContentStream c = page.stream;
        c.setLineWidth(0.5f);
        c.addRect(x0 - 10, y0 - 10, w + 20, h + 20);
        c.stroke();
        c.setLineWidth(1.2f);
        for (int i = 0; i < pts.size(); i++) {
            float px = (float) (x0 + (pts.get(i)[0] - minX) / span * w), py = (float) (y0 + (pts.get(i)[1] - minY) / span * h);
            if (i == 0) c.moveTo(px, py);
            else c.lineTo(px, py);
        }
        c.stroke();
        for (int i = 0; i < pts.size(); i++) {
            float px = (float) (x0 + (pts.get(i)[0] - minX) / span * w), py = (float) (y0 + (pts.get(i)[1] - minY) / span * h);
            c.addRect(px - 2, py - 2, 4, 4);
            c.fill();
            c.beginText();
            c.setFont(page.font, 8);
            c.newLineAtOffset(px + 4, py + 3);
            c.showText(Integer.toString(i + 1));
            c.endText();
        }
        page.y = y0 - 18;
    }

    /** A flowing A4 text page: lines go down and a new page starts when one is full. */
    private static final class Page {
        final PDDocument doc;
        PDType0Font font;
        final float margin = 48;
        PDPageContentStream stream;
        float y;

        Page(PDDocument doc, PDType0Font font) throws IOException {
            this.doc = doc;
            this.font = font;
            next();
        }

        void next() throws IOException {
            if (stream != null) stream.close();
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            stream = new PDPageContentStream(doc, p);
            y = p.getMediaBox().getHeight() - margin;
        }

        void need(float height) throws IOException {
            if (y - height < margin) next();
        }

        void gap(float g) {
            y -= g;
        }

        void text(float size, String line) throws IOException {
            float max = PDRectangle.A4.getWidth() - 2 * margin;
            for (String part : wrap(line, size, max)) {
                need(size + 4);
                stream.beginText();
                stream.setFont(font, size);
                stream.newLineAtOffset(margin, y - size);
                stream.showText(part);
                stream.endText();
                y -= size + 4;
            }
        }

        List<String> wrap(String line, float size, float max) throws IOException {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            for (String word : line.split(" ")) {
                String next = cur.isEmpty() ? word : cur + " " + word;
                if (!cur.isEmpty() && font.getStringWidth(next) / 1000 * size > max) {
                    out.add(cur.toString());
                    cur = new StringBuilder(word);
                } else {
                    cur = new StringBuilder(next);
                }
            }
            out.add(cur.toString());
            return out;
        }

        void close() throws IOException {
            stream.close();
        }
    }
}
