package vn.matthan.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NoticeSettingsTest {
    static final Path SHIPPED = Path.of(System.getProperty("matthan.root", "..")).resolve("config/notice.yaml");

    @TempDir
    Path dir;

    @Test
    void theBundledNoticeWordingLoadsWithALegalBasisForEveryViolationType() throws Exception {
        NoticeSettings s = NoticeSettings.load(SHIPPED);
        assertThat(s.legalBasis()).containsOnlyKeys("red_light", "lane", "wrong_way", "speeding", "parking", "stopping");
        assertThat(s.lookupFor("51F12345")).endsWith("?bien-so=51F12345");
        assertThat(s.fontFile()).hasFileName("DejaVuSans.ttf");
    }

    @Test
    void theOverdueRulesTakeTheirDaysFromTheFileOrDefaultTo14And20() throws Exception {
        assertThat(NoticeSettings.load(SHIPPED).deadlines()).isEqualTo(new NoticeSettings.Deadlines(14, 20));
        Path f = dir.resolve("notice.yaml");
        Files.writeString(f, Files.readString(SHIPPED).replace("deliver_within_days: 14", "deliver_within_days: 10"));
        assertThat(NoticeSettings.load(f).deadlines()).isEqualTo(new NoticeSettings.Deadlines(10, 20));
        String shipped = Files.readString(SHIPPED);
        Files.writeString(f, shipped.substring(0, shipped.indexOf("# Overdue notices")));
        assertThat(NoticeSettings.load(f).deadlines()).isEqualTo(NoticeSettings.Deadlines.DEFAULT).isEqualTo(new NoticeSettings.Deadlines(14, 20));
        Files.writeString(f, shipped.replace("settle_within_days: 20", "settle_within_days: 0"));
        assertThatThrownBy(() -> NoticeSettings.load(f)).hasMessageStartingWith(f + ":20: delivery.settle_within_days: ");
    }

    @Test
    void aMisspeltKeyIsRefusedWithItsLine() throws Exception {
        Path f = dir.resolve("notice.yaml");
        Files.writeString(f, Files.readString(SHIPPED).replace("  wrong_way:", "  wrong_turn:"));
        assertThatThrownBy(() -> NoticeSettings.load(f))
                .hasMessage(f + ":8: legal_basis.wrong_turn: unknown field (known: red_light, lane, wrong_way, speeding, parking, stopping)");
        Files.writeString(f, Files.readString(SHIPPED).replace("lookup_url:", "lookup_uri:"));
        assertThatThrownBy(() -> NoticeSettings.load(f)).hasMessageStartingWith(f + ":13: lookup_uri: unknown field (known: authority, place, ");
    }

    @Test
    void aWrongOrMissingValueIsRefusedWithItsLine() throws Exception {
        Path f = dir.resolve("notice.yaml");
        Files.writeString(f, Files.readString(SHIPPED).replace("\"http://localhost:8080/", "\"localhost:8080/"));
        assertThatThrownBy(() -> NoticeSettings.load(f))
                .hasMessage(f + ":13: lookup_url: 'localhost:8080/tra-cuu.html?bien-so=' is not an http(s) address");
        Files.writeString(f, "place: \"Quảng Ngãi\"\n");
        assertThatThrownBy(() -> NoticeSettings.load(f)).hasMessageStartingWith(f + ":1: authority: required; ");
    }
}
