package vn.matthan.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One entry of the append-only audit log: who (actor and role) did what to which target, when and why. Each entry's
 * hash covers its fields and the previous entry's hash, so removing, reordering or altering any entry breaks every
 * hash after it. Both writers (the stream job and the API) chain with this one definition.
 */
public record AuditRecord(long seq, Instant at, String actor, String role, String action, String target, String reason,
                          String prevHash, String hash) {

    public static final String GENESIS = "0".repeat(64);
    /** The PostgreSQL advisory lock every writer holds while appending, so the chain never forks. */
    public static final long APPEND_LOCK = 7412;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** SHA-256 over the previous hash and the entry's fields, as a canonical JSON array. */
    public static String hash(String prevHash, Instant at, String actor, String role, String action, String target, String reason) {
        try {
            // Microseconds: what PostgreSQL's timestamptz keeps, so a stored entry re-hashes to the same value.
            String canonical = JSON.writeValueAsString(Arrays.asList(prevHash, at.getEpochSecond(), at.getNano() / 1000,
                    actor, role, action, target, reason));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks a chain in sequence order; returns the seq of the first broken entry, or -1 when intact. */
    public static long firstBroken(List<AuditRecord> chain) {
        String prev = GENESIS;
        for (AuditRecord r : chain) {
            if (!r.prevHash().equals(prev) || !r.hash().equals(hash(prev, r.at(), r.actor(), r.role(), r.action(), r.target(), r.reason()))) {
                return r.seq();
            }
            prev = r.hash();
        }
        return -1;
    }
}
