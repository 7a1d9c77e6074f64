package vn.matthan.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import vn.matthan.api.assistant.Assistant;
import vn.matthan.api.indicators.ComputedIndicators;
import vn.matthan.api.indicators.IndicatorBoards;
import vn.matthan.api.indicators.IndicatorCatalog;

import java.time.LocalDate;

/**
 * {@code POST /api/ask}: the leaders' assistant. Reads aggregates only (indicator values, traffic counts), nothing
 * personal, so nothing is audited. {@code as_of} answers as if asked on that day ("tháng trước" of 15 Nov 2023 is
 * October 2023), for reports and for the question set's tests.
 */
final class AssistantRoutes {
    private final Assistant assistant;

    AssistantRoutes(Pool pool, IndicatorCatalog catalog, IndicatorRoutes map, String homeUnit) {
        this.assistant = new Assistant(pool, catalog, new IndicatorBoards(pool), map::layouts, homeUnit);
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "ask", this::ask);
    }

    private void ask(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        LocalDate today;
        try { // the contract checked the form; a day such as 2023-02-30 is the calendar's to refuse
            today = body.getString("as_of") == null ? LocalDate.now(ComputedIndicators.VIETNAM) : LocalDate.parse(body.getString("as_of"));
        } catch (java.time.format.DateTimeParseException e) {
            Problem.send(ctx, 400, "Bad Request", "as_of '" + body.getString("as_of") + "' is not a day of the calendar");
            return;
        }
        assistant.ask(body.getString("question"), today).onSuccess(a -> {
            if (!a.containsKey("examples") && !a.getBoolean("understood", true)) a.put("examples", assistant.examples());
            ctx.json(a);
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }
}
