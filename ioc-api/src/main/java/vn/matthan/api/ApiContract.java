package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.Location;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI 3.1 contract ({@code openapi.json} on the classpath), served at {@code /openapi.json}: the one
 * place that says which operations exist, who may call them and what a valid request looks like. Routes are mounted
 * by operation id (path and method come from the document), and every request to one is checked before its handler
 * runs, in this order:
 * <ol>
 *   <li>roles: an operation with {@code x-roles} needs a signed-in caller with one of them (401, 403); the handler
 *       then reads that caller with {@link #caller}. Operations with {@code security: []} are public;</li>
 *   <li>query parameters the operation does not declare are refused (a typo must not silently widen a query);</li>
 *   <li>a body must come in a media type the operation declares (415);</li>
 *   <li>parameters and JSON bodies against their schemas (required, lengths, enums, patterns, ranges, formats).</li>
 * </ol>
 * A refusal is 400 problem+json saying which part of the request breaks which rule. Handlers keep only what a schema
 * cannot say: ranges across fields, jurisdiction, lifecycle, and whether the named data exists.
 */
final class ApiContract {
    /** Bodies the contract describes but the validator cannot parse (it reads JSON only): checked by their route. */
    private static final Set<String> OWN_BODY_CHECK = Set.of("importIndicatorValues", "importNoticeDelivery", "importRegistrations");
    private static final String CALLER = "contract.caller", VALIDATED = "contract.request";
    private static final Pattern BAD_PARAMETER = Pattern.compile("The value of (query|path|header|cookie) parameter (\\S+) is invalid\\. Reason: (.*)");
    private static final Pattern MISSING_PARAMETER = Pattern.compile("does not contain the required (query|path|header|cookie) parameter (\\S+)");

    private final Buffer document;
    private final OpenAPIContract contract;
    private final RequestValidator validator;
    private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

    private final Map<String, Set<String>> bodyTypes;

    private ApiContract(Buffer document, OpenAPIContract contract, RequestValidator validator) {
        this.document = document;
        this.bodyTypes = bodyTypes(new JsonObject(document));
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

    /**
     * Serves an operation of the contract with {@code handler}: the route's method and path are the document's, its
     * roles are the operation's {@code x-roles}, so a route has no way of declaring either itself.
     */
    void mount(Router router, String operationId, Handler<RoutingContext> handler) {
        Operation op = contract.operation(operationId);
        if (op == null) throw new IllegalArgumentException("no operation '" + operationId + "' in openapi.json");
        router.route(op.getHttpMethod(), routerPath(op.getOpenAPIPath())).handler(handler);
    }

    /** {@code /api/cases/{id}/plate} → {@code /api/cases/:id/plate}. */
    static String routerPath(String openApiPath) {
        return openApiPath.replaceAll("\\{([^}/]+)}", ":$1");
    }

    /** Lets requests the contract accepts (or does not describe: they answer 404 later) go on. */
    void check(RoutingContext ctx) {
        Operation op = contract.findOperation(ctx.normalizedPath(), ctx.request().method());
        if (op == null) {
            ctx.next();
            return;
        }
        // Who may call comes first: a caller without the right gets 401/403, never a lesson in the parameters.
        if (!admitted(ctx, op) || !onlyDeclaredQuery(ctx, op) || !declaredMediaType(ctx, op)) return;
        // The CSV import's parameters are checked here too; its body (rows) by its route, which reads it line by line.
        extractor.extractValidatableRequest(ctx, op)
                .compose(req -> validator.validate(req, op.getOperationId()))
                .onSuccess(valid -> {
                    ctx.put(VALIDATED, valid);
                    ctx.next();
                })
                .onFailure(e -> refuse(ctx, op, what(ctx, op, e)));
    }

    private static boolean admitted(RoutingContext ctx, Operation op) {
        JsonArray roles = op.getOpenAPIModel().getJsonArray("x-roles");
        if (roles == null) return true;
        Principal p = ctx.get(Auth.PRINCIPAL);
        if (p == null) {
            Problem.send(ctx, 401, "Unauthorized", "sign in first (POST /api/login)");
            return false;
        }
        if (!roles.contains(p.role())) {
            Problem.send(ctx, 403, "Forbidden", "role " + p.role() + " may not do this");
            return false;
        }
        ctx.put(CALLER, p);
        return true;
    }

    private static boolean onlyDeclaredQuery(RoutingContext ctx, Operation op) {
        Set<String> known = new TreeSet<>();
        for (Parameter p : op.getParameters()) if (p.getIn() == Location.QUERY) known.add(p.getName());
        for (String name : ctx.queryParams().names()) {
            if (!known.contains(name)) {
                refuse(ctx, op, "unknown parameter '" + name + "' (known: " + String.join(", ", known) + ")");
                return false;
            }
        }
        return true;
    }

    private boolean declaredMediaType(RoutingContext ctx, Operation op) {
        Set<String> declared = bodyTypes.get(op.getOperationId());
        if (declared == null) return true;
        String type = ctx.request().getHeader("Content-Type");
        String bare = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase();
        if (declared.contains(bare)) return true;
        Problem.send(ctx, 415, "Unsupported Media Type", "send the body as " + String.join(" or ", declared)
                + (type == null ? "" : ", not " + bare) + " (" + op.getOperationId() + ")");
        return false;
    }

    /** The media types each operation with a body declares, from the served document (the validator's copy lacks some). */
    private static Map<String, Set<String>> bodyTypes(JsonObject doc) {
        Map<String, Set<String>> out = new HashMap<>();
        JsonObject paths = doc.getJsonObject("paths");
        for (String p : paths.fieldNames()) {
            for (String method : paths.getJsonObject(p).fieldNames()) {
                JsonObject op = paths.getJsonObject(p).getJsonObject(method);
                JsonObject body = op.getJsonObject("requestBody");
                if (body != null) out.put(op.getString("operationId"), Set.copyOf(body.getJsonObject("content").fieldNames()));
            }
        }
        return out;
    }

    private static void refuse(RoutingContext ctx, Operation op, String what) {
        Problem.send(ctx, 400, "Bad Request", "the request does not match the API contract (" + op.getOperationId() + "): " + what);
    }

    /** What is wrong, in the words of the contract: the parameter and its expected form, or the body's field and rule. */
    private static String what(RoutingContext ctx, Operation op, Throwable e) {
        String message = String.valueOf(e.getMessage());
        Matcher missing = MISSING_PARAMETER.matcher(message);
        if (missing.find()) return "the required " + missing.group(1) + " parameter '" + missing.group(2) + "' is missing";
        Matcher bad = BAD_PARAMETER.matcher(message);
        if (bad.find()) {
            Parameter p = parameter(op, bad.group(1), bad.group(2));
            String expected = p == null ? null : p.getOpenAPIModel().getString("description");
            String value = p == null ? null : value(ctx, p);
            return bad.group(1) + " parameter '" + bad.group(2) + "': "
                    + (expected != null && value != null ? "'" + value + "' is not " + expected + " (" + bad.group(3) + ")" : bad.group(3));
        }
        if (e instanceof SchemaValidationException s && s.getOutputUnit() != null) {
            String field = bodyError(s.getOutputUnit());
            if (field != null) return field;
        }
        return message;
    }

    private static Parameter parameter(Operation op, String in, String name) {
        for (Parameter p : op.getParameters()) if (p.getIn().name().equalsIgnoreCase(in) && p.getName().equals(name)) return p;
        return null;
    }

    private static String value(RoutingContext ctx, Parameter p) {
        return switch (p.getIn()) {
            case QUERY -> ctx.queryParams().get(p.getName());
            case PATH -> ctx.pathParam(p.getName());
            case HEADER -> ctx.request().getHeader(p.getName());
            default -> null;
        };
    }

    /**
     * The body's broken rule itself, e.g. "reason: String is too long (501 > 500)": the error deepest in the schema,
     * not the "does not match schema" wrappers around it.
     */
    private static String bodyError(OutputUnit unit) {
        OutputUnit deepest = null;
        for (OutputUnit u : unit.getErrors() == null ? List.<OutputUnit>of() : unit.getErrors()) {
            if (deepest == null || depth(u) > depth(deepest)) deepest = u;
        }
        if (deepest == null) return null;
        String at = String.valueOf(deepest.getInstanceLocation()).replaceFirst("^#/?", "");
        return (at.isEmpty() ? "body" : at) + ": " + deepest.getError();
    }

    private static int depth(OutputUnit u) {
        return String.valueOf(u.getKeywordLocation()).split("/").length;
    }

    /** The caller the contract admitted for an operation with {@code x-roles} (a public operation has none). */
    static Principal caller(RoutingContext ctx) {
        Principal p = ctx.get(CALLER);
        if (p == null) throw new IllegalStateException("an operation without x-roles asked for its caller: " + ctx.normalizedPath());
        return p;
    }

    /** A query parameter as the contract validated and typed it (integers come as numbers); null when not given. */
    static Object query(RoutingContext ctx, String name) {
        ValidatedRequest valid = ctx.get(VALIDATED);
        RequestParameter p = valid == null ? null : valid.getQuery().get(name);
        return p == null || p.isNull() ? null : p.get();
    }
}
