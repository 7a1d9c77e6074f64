package vn.matthan.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NoticePdfTest {
    @TempDir
    Path dir;

    @Test
    void theEvidenceHashAndTheLookupAddressPrintAsTheyAreWithoutLigatures() throws Exception {
        // ff, fi and fl are where a proportional face would put a ligature glyph in place of two letters.
        String hash = "ff".repeat(16) + "0fa1" + "e".repeat(28);
        NoticeSettings s = new NoticeSettings("CÔNG AN TỈNH QUẢNG NGÃI", "Quảng Ngãi", Map.of("red_light", "Nghị định 168/2024/NĐ-CP"),
                "https://office.example/fines/flow?bien-so=", "Đề nghị chủ phương tiện đến trụ sở.",
                Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        NoticePdf.Facts f = new NoticePdf.Facts("00000001", "51F-123.45", "51F12345", "Ô tô", "22/11/2026 08:00:00", "Ngã tư",
                "Vượt đèn đỏ", "red_light", "crossed_on_red", hash);
        Path pdf = dir.resolve("n.pdf");
        Files.write(pdf, NoticePdf.render(f, null, List.of(), s));
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        assertThat(text).contains(hash, "https://office.example/fines/flow?bien-so=51F12345");
    }
}
