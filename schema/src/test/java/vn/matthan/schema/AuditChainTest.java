package vn.matthan.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit chain's one implementation (SQL, migration V12) on a real PostgreSQL, and its compatibility with the log
 * the Java writers chained before it. */
class AuditChainTest {
    static final String GENESIS = "0".repeat(64);
    static EmbeddedPostgres pg;
    static Connection db;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        DatabaseSchema.migrate(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        db = pg.getPostgresDatabase().getConnection();
    }

    @AfterAll
    static void stop() throws Exception {
        if (db != null) db.close();
        if (pg != null) pg.close();
    }

    @BeforeEach
    void emptyLog() throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("TRUNCATE audit_log RESTART IDENTITY"); // a fresh log per test; the append-only trigger guards rows
        }
    }

    @Test
    void theSqlRuleGivesTheHashesTheJavaWritersProducedForKnownEntries() throws Exception {
        // Computed by vn.matthan.events.AuditRecord.hash (Jackson) before the rule moved into SQL.
        assertThat(sqlHash(GENESIS, Instant.parse("2026-11-22T02:15:30.123456Z"), "canbo", "POLICE_REVIEWER",
                "case.status PENDING_REVIEW->REJECTED", "case:11111111-1111-4111-8111-111111111111", "Biển số bị che khuất, không đọc được"))
                .isEqualTo("90521704105783ebdc62147753cb581c1e62fe719d16b4d6450260f09905f91b");
        assertThat(sqlHash("ab".repeat(32), Instant.parse("2026-11-22T02:15:31Z"), "system:stream-jobs", "SYSTEM", "case.opened",
                "case:22222222-2222-4222-8222-222222222222", null))
                .isEqualTo("831fe2c227b38cc61b22aeeedae4bbd0efc15f65810ff048341e4987706badec");
        assertThat(sqlHash("cd".repeat(32), Instant.parse("1969-12-31T23:59:59.000001Z"), "public", "PUBLIC", "public.lookup", null,
                "quote \" backslash \\ slash / tab\t nl\n cr\r bs\b ff\f ctl\u0001\u000b\u001f del\u007f nbsp\u00a0 ls\u2028 emoji \uD83D\uDEA6 json\\u000b"))
                .isEqualTo("20eee9fd5ccebb8828e2c26c74c91119e5b13cbbf830b00d1100384bc2bc7f3c");
    }

    @Test
    void theSqlRuleAgreesWithTheOldJavaRuleOnAnyText() throws Exception {
        Random random = new Random(24);
        for (int i = 0; i < 300; i++) {
            String prev = HexFormat.of().formatHex(new byte[]{(byte) i}).repeat(32);
            Instant at = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L), random.nextInt(1_000_000) * 1000L);
            String[] f = new String[5];
            for (int k = 0; k < f.length; k++) f[k] = k >= 3 && random.nextInt(4) == 0 ? null : text(random);
            assertThat(sqlHash(prev, at, f[0], f[1], f[2], f[3], f[4])).as("entry %d: %s", i, Arrays.toString(f))
                    .isEqualTo(oldJavaHash(prev, at, f[0], f[1], f[2], f[3], f[4]));
        }
    }

    @Test
    void entriesOfTheOldJavaWritersAndOfTheFunctionFormOneIntactChain() throws Exception {
        String prev = GENESIS;
        for (int i = 1; i <= 3; i++) prev = insertAsTheJavaWritersDid(prev, "canbo", "POLICE_REVIEWER", "case.viewed", "case:" + i, "lần " + i);
        long seq;
        try (PreparedStatement st = db.prepareStatement("SELECT audit_append(?, ?, ?, ?, ?)")) {
            st.setString(1, "system:stream-jobs");
            st.setString(2, "SYSTEM");
            st.setString(3, "case.opened");
            st.setString(4, "case:4");
            st.setString(5, "red_light at camera cam-1");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
            }
        }
        assertThat(seq).isEqualTo(4);
        assertThat(single("SELECT prev_hash FROM audit_log WHERE seq = 4")).as("the new entry links to the old head").isEqualTo(prev);
        assertThat(AuditChain.check(db)).isEqualTo(new AuditChain.Check(4, -1));
    }

    @Test
    void anAlteredOrRemovedEntryBreaksTheChainWhereItHappened() throws Exception {
        try (Statement st = db.createStatement()) {
            for (int i = 1; i <= 5; i++) st.execute("SELECT audit_append('canbo', 'POLICE_REVIEWER', 'case.status', 'case:" + i + "', 'lý do " + i + "')");
            assertThat(AuditChain.check(db).intact()).isTrue();
            // Someone with the database's superuser rights gets past the append-only trigger.
            st.execute("SET session_replication_role = replica");
            st.execute("UPDATE audit_log SET actor = 'someone' WHERE seq = 3");
            assertThat(AuditChain.check(db)).isEqualTo(new AuditChain.Check(5, 3));
            st.execute("DELETE FROM audit_log WHERE seq = 3");
            assertThat(AuditChain.check(db)).isEqualTo(new AuditChain.Check(4, 4));
            st.execute("RESET session_replication_role");
        }
    }

    // ---- the Java writers' rule before V12, verbatim, as the reference ----

    private static final ObjectMapper JSON = new ObjectMapper();

    static String oldJavaHash(String prevHash, Instant at, String actor, String role, String action, String target, String reason) throws Exception {
        String canonical = JSON.writeValueAsString(Arrays.asList(prevHash, at.getEpochSecond(), at.getNano() / 1000,
                actor, role, action, target, reason));
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    private static String insertAsTheJavaWritersDid(String prev, String actor, String role, String action, String target, String reason) throws Exception {
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String hash = oldJavaHash(prev, at, actor, role, action, target, reason);
        try (PreparedStatement st = db.prepareStatement(
                "INSERT INTO audit_log (at, actor, role, action, target, reason, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            st.setString(2, actor);
            st.setString(3, role);
            st.setString(4, action);
            st.setString(5, target);
            st.setString(6, reason);
            st.setString(7, prev);
            st.setString(8, hash);
            st.executeUpdate();
        }
        return hash;
    }

    // ---- helpers ----

    private static String sqlHash(String prev, Instant at, String actor, String role, String action, String target, String reason) throws Exception {
        try (PreparedStatement st = db.prepareStatement("SELECT audit_hash(?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, prev);
            st.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            st.setString(3, actor);
            st.setString(4, role);
            st.setString(5, action);
            st.setString(6, target);
            st.setString(7, reason);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String single(String sql) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Text as people and machines write it: control characters, quotes, backslashes, Vietnamese, emoji. */
    private static String text(Random random) {
        int[] pool = {1, 7, 8, 9, 10, 11, 12, 13, 27, 31, '"', '\\', '/', 'u', '0', 'a', 'Z', ' ', 127, 0xA0, 'ạ', 'ế', 'Đ', 'ữ',
                0x2028, 0x1F6A6, 0xFFFD};
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) b.appendCodePoint(pool[random.nextInt(pool.length)]);
        return b.toString();
    }
}
