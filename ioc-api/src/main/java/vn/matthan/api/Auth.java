package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Sign-in with a password (PBKDF2, checked on a worker thread) for a short-lived bearer token; the database keeps
 * only the token's SHA-256. Every API request with {@code Authorization: Bearer …} gets its {@link Principal}; who
 * may call what is the contract's business ({@link ApiContract}).
 */
final class Auth {
    static final Duration SESSION = Duration.ofHours(8);
    static final String PRINCIPAL = "principal";
    static final String COOKIE = "ioc_session";
    private static final SecureRandom RANDOM = new SecureRandom();
    // Compared against when the user does not exist, so that timing does not tell which user names exist.
    private static final String DUMMY = Passwords.hash("not a password");

    private final Vertx vertx;
    private final Pool pool;
    private final RateLimiter logins = new RateLimiter(10);

    Auth(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    void login(RoutingContext ctx) {
        if (!logins.allow(ctx.request().remoteAddress().host())) {
            Problem.send(ctx, 429, "Too Many Requests", "too many sign-in attempts; wait a minute");
            return;
        }
        JsonObject body = ctx.body().asJsonObject(); // the contract checked its fields and their lengths
        String user = body.getString("username");
        String password = body.getString("password");
        pool.preparedQuery("SELECT password_hash, role, unit_codes FROM app_user WHERE username = $1").execute(Tuple.of(user))
                .compose(rows -> {
                    Row r = rows.size() == 0 ? null : rows.iterator().next();
                    String stored = r == null ? DUMMY : r.getString(0);
                    return vertx.executeBlocking(() -> Passwords.verify(password, stored) && r != null)
                            .compose(ok -> ok ? newSession(user, r) : Future.succeededFuture(null));
                })
                .onSuccess(session -> {
                    if (session == null) {
                        Problem.send(ctx, 401, "Unauthorized", "wrong user name or password");
                        return;
                    }
                    ctx.response().addCookie(sessionCookie(ctx, session.getString("token"), SESSION.toSeconds()));
                    ctx.json(session);
                })
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> newSession(String user, Row r) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime expires = OffsetDateTime.now(ZoneOffset.UTC).plus(SESSION);
        return pool.preparedQuery("INSERT INTO api_session (token_sha256, username, expires_at) VALUES ($1, $2, $3)")
                .execute(Tuple.of(sha256(token), user, expires))
                .map(x -> new JsonObject().put("token", token).put("role", r.getString(1))
                        .put("unit_codes", Arrays.asList(r.getArrayOfStrings(2))).put("expires_at", expires.toString()));
    }

    /**
     * The token also travels as an HttpOnly cookie, because an {@code <img>} or {@code <video>} element cannot send
     * an Authorization header. The cookie counts for reads only (GET/HEAD): anything that changes state needs the
     * bearer header, which another site cannot make a browser send (no cross-site request forgery).
     */
    private static Cookie sessionCookie(RoutingContext ctx, String token, long maxAgeSeconds) {
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        return Cookie.cookie(COOKIE, token).setHttpOnly(true).setSameSite(CookieSameSite.STRICT).setPath("/api")
                .setSecure(tls).setMaxAge(maxAgeSeconds);
    }

    /** The token of the Authorization header, or null. */
    private static String bearer(RoutingContext ctx) {
        String h = ctx.request().getHeader("Authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring(7).trim() : null;
    }

    /** The token of this request: the bearer header, or for reads the session cookie; null when there is none. */
    private static String token(RoutingContext ctx) {
        String bearer = bearer(ctx);
        if (bearer != null) return bearer;
        HttpMethod m = ctx.request().method();
        Cookie c = m == HttpMethod.GET || m == HttpMethod.HEAD ? ctx.request().getCookie(COOKIE) : null;
        return c == null || c.getValue().isBlank() ? null : c.getValue();
    }

    /** Ends the session of the bearer token: the token stops working at once and the cookie is cleared. */
    void logout(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        String token = bearer(ctx);
        if (token == null) {
            Problem.send(ctx, 401, "Unauthorized", "sign out needs the bearer token (Authorization header)");
            return;
        }
        pool.preparedQuery("DELETE FROM api_session WHERE token_sha256 = $1").execute(Tuple.of(sha256(token)))
                .compose(x -> AuditLog.record(pool, p, "session.ended", "user:" + p.username(), null))
                .onSuccess(x -> ctx.response().addCookie(sessionCookie(ctx, "", 0)).setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /** Attaches the principal of a valid token; requests without one go on anonymous. */
    void authenticate(RoutingContext ctx) {
        String token = token(ctx);
        if (token == null) {
            ctx.next();
            return;
        }
        pool.preparedQuery("SELECT u.username, u.role, u.unit_codes, u.agency FROM api_session s JOIN app_user u USING (username) "
                        + "WHERE s.token_sha256 = $1 AND s.expires_at > now()")
                .execute(Tuple.of(sha256(token)))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        if (ctx.request().getHeader("Authorization") != null) {
                            Problem.send(ctx, 401, "Unauthorized", "the token is unknown or expired; sign in again");
                            return;
                        }
                        // A stale cookie: forget it and go on anonymous, so public screens keep working.
                        ctx.response().addCookie(sessionCookie(ctx, "", 0));
                        ctx.next();
                        return;
                    }
                    Row r = rows.iterator().next();
                    ctx.put(PRINCIPAL, new Principal(r.getString(0), r.getString(1), List.of(r.getArrayOfStrings(2)), r.getString(3)));
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
