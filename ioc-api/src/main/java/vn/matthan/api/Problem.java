package vn.matthan.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Errors as RFC 9457 {@code application/problem+json}. */
final class Problem {
    private Problem() {
    }

    static void send(RoutingContext ctx, int status, String title, String detail) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                        .put("detail", detail).put("instance", ctx.request().path()).encode());
    }
}
