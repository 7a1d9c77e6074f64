package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/**
 * The API's OpenAPI 3.1 contract ({@code openapi.json} on the classpath), served at {@code /openapi.json}, and the
 * check of every API request against it (parameter types and ranges, required fields, request bodies) before a
 * route sees it: a request the contract refuses gets 400 problem+json naming what is wrong. Each secured operation
 * names its roles ({@code x-roles}); they are checked first (the routes check them again).
 */
final class ApiContract {
    /** Bodies the contract describes but the validator cannot parse (it reads JSON only): checked by their route. */
    private static final Set<String> OWN_BODY_CHECK = Set.of("importIndicatorValues");

    private final Buffer document;
    private final OpenAPIContract contract;
    private final RequestValidator validator;
    private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

    private ApiContract(Buffer document, OpenAPIContract contract, RequestValidator validator) {
        this.document = document;
        this.contract = contract;
        this.validator = validator;
    }

    static Future<ApiContract> load(Vertx vertx) {
        Buffer doc;
        try (InputStream in = ApiContract.class.getResourceAsStream("/openapi.json")) {
            if (in == null) throw new IOException("openapi.json is missing from the classpath");
            doc = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return OpenAPIContract.from(vertx, forValidation(new JsonObject(doc)))
                .map(c -> new ApiContract(doc, c, RequestValidator.create(vertx, c)));
    }

    /**
     * The validator checks requests and knows only some media types: the copy it gets describes responses without
     * their content (problem+json, PDF, GeoJSON, event streams stay in the served document) and leaves the CSV
     * import's body to its route.
     */
    static JsonObject forValidation(JsonObject doc) {
        JsonObject copy = doc.copy();
        JsonObject paths = copy.getJsonObject("paths");
        for (String p : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(p);
            for (String method : item.fieldNames()) {
                JsonObject op = item.getJsonObject(method);
                JsonObject responses = op.getJsonObject("responses");
                for (String code : responses.fieldNames()) responses.getJsonObject(code).remove("content");
                if (OWN_BODY_CHECK.contains(op.getString("operationId"))) op.remove("requestBody");
            }
        }
        return copy;
    }

    void serve(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(document);
    }

    /** Lets requests the contract accepts (or does not describe: they answer 404 later) go on. */
    void check(RoutingContext ctx) {
        Operation op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
        if (op == null) {
            ctx.next();
            return;
        }
        // Who may call comes first: a caller without the right gets 401/403, never a lesson in the parameters.
        JsonArray roles = op.getOpenAPIModel().getJsonArray("x-roles");
        if (roles != null && Auth.require(ctx, new java.util.HashSet<>(roles.getList())) == null) return;
        if (OWN_BODY_CHECK.contains(op.getOperationId())) {
            ctx.next();
            return;
        }
        extractor.extractValidatableRequest(ctx, op)
                .compose(req -> validator.validate(req, op.getOperationId()))
                .onSuccess(valid -> ctx.next())
                .onFailure(e -> Problem.send(ctx, 400, "Bad Request", "the request does not match the API contract ("
                        + op.getOperationId() + "): " + e.getMessage()));
    }
}
