package vn.matthan.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/** Small request checks shared by the routes; each answers the problem itself and returns null on bad input. */
final class Requests {
    private Requests() {
    }

    static JsonObject jsonBody(RoutingContext ctx) {
        try {
            JsonObject o = ctx.body().asJsonObject();
            if (o == null) Problem.send(ctx, 400, "Bad Request", "a JSON object body is required");
            return o;
        } catch (DecodeException | ClassCastException e) {
            Problem.send(ctx, 400, "Bad Request", "the body is not a JSON object");
            return null;
        }
    }

    /** Refuses query parameters the route does not know (a typo must not silently widen a query). */
    static boolean onlyParams(RoutingContext ctx, Set<String> known) {
        for (String name : ctx.queryParams().names()) {
            if (!known.contains(name)) {
                Problem.send(ctx, 400, "Bad Request", "unknown parameter '" + name + "' (known: " + String.join(", ", known) + ")");
                return false;
            }
        }
        return true;
    }
}
