package vn.matthan.tests;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.matthan.stream.TextArrayParameter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The sinks' text-array parameter reaches PostgreSQL unchanged, in binary and as the text literal alike. */
class SinkParametersTest {
    static Path dir;
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("sink-parameters");
        pg = EmbeddedPostgres.builder().setDataDirectory(dir).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) pg.close();
    }

    @Test
    void everyStringArrivesAsItWasInBothWireFormats() throws Exception {
        String[] values = {"cam-01", "", null, "Ngã tư \"Hàng Xanh\"", "a,b", "{x}", "back\\slash", "NULL", " spaced ", "😀"};
        for (boolean binary : new boolean[]{true, false}) {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", "postgres");
            p.setProperty("binaryTransfer", String.valueOf(binary));
            try (Connection c = DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), p);
                 PreparedStatement st = c.prepareStatement("SELECT v FROM unnest(?::text[]) WITH ORDINALITY AS t(v, i) ORDER BY i")) {
                st.setObject(1, new TextArrayParameter(values));
                List<String> back = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) back.add(rs.getString(1));
                }
                assertThat(back).as(binary ? "binary" : "text literal").containsExactly(values);
            }
        }
    }
}
