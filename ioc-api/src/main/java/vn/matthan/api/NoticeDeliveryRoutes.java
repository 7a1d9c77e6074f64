package vn.matthan.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Notice delivery after NOTICE_ISSUED (police reviewers and admins, cases of their units): a notice's delivery state
 * with the date it entered each state, one move at a time or a CSV of postal results (good rows applied in order,
 * bad ones listed by line with the reason), and the overdue list by the two named rules of {@link NoticeSettings.Deadlines}.
 * Every move is one call of the schema's {@code notice_move} (state, date and audit entry in one write).
 */
final class NoticeDeliveryRoutes {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String IMPORT_PATH = "/api/notices/delivery";
    static final int IMPORT_LIMIT = 2 * 1024 * 1024;
    static final String HEADER = "notice,state,date,note";
    private static final Pattern NOTICE_NO = Pattern.compile("[0-9A-Fa-f]{8}");
    private static final DateTimeFormatter VN_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final String NOTICE = """
            SELECT n.case_id, n.issued_at, n.delivery_state, n.printed_on, n.sent_on, n.delivered_on, n.returned_on, n.paid_on,
                   n.contested_on, n.closed_on, v.unit_code
              FROM case_notice n JOIN violation_case v ON v.id = n.case_id""";

    private final Pool pool;
    private final NoticeSettings.Deadlines deadlines;

    NoticeDeliveryRoutes(Pool pool, NoticeSettings notice) {
        this.pool = pool;
        this.deadlines = notice == null ? NoticeSettings.Deadlines.DEFAULT : notice.deadlines();
    }

    /** Registered before the general body handler: a postal result file may be larger than other requests. */
    void mountImport(Router r) {
        r.post(IMPORT_PATH).handler(BodyHandler.create().setBodyLimit(IMPORT_LIMIT));
    }

    void mount(Router r, ApiContract contract) {
        contract.mount(r, "noticeDelivery", this::show);
        contract.mount(r, "noticeDeliveryMove", this::move);
        contract.mount(r, "importNoticeDelivery", this::importCsv);
        contract.mount(r, "overdueNotices", this::overdue);
    }

    /** The notice number printed on the notice: the case id's first 8 characters, upper case. */
    static String noticeNo(UUID caseId) {
        return caseId.toString().substring(0, 8).toUpperCase();
    }

    static LocalDate today() {
        return LocalDate.now(VIETNAM);
    }

    // ---- one notice ----

    private void show(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        UUID id = UUID.fromString(ctx.pathParam("id"));
        find(id, null).onSuccess(r -> {
            if (r == null || !p.covers(r.getString("unit_code"))) {
                Problem.send(ctx, 404, "Not Found", "no notice for this case in your jurisdiction");
                return;
            }
            ctx.json(json(r, today()));
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private void move(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        UUID id = UUID.fromString(ctx.pathParam("id"));
        // The contract checked the body: a target state, an ISO date, a note of at most 500 characters.
        JsonObject body = ctx.body().asJsonObject();
        NoticeDelivery to = NoticeDelivery.valueOf(body.getString("to"));
        LocalDate on = date(body.getString("on"));
        if (on == null) {
            Problem.send(ctx, 400, "Bad Request", "on: '" + body.getString("on") + "' is not a day of the calendar");
            return;
        }
        String note = body.getString("note");
        find(id, null).onSuccess(r -> {
            if (r == null || !p.covers(r.getString("unit_code"))) {
                Problem.send(ctx, 404, "Not Found", "no notice for this case in your jurisdiction");
                return;
            }
            NoticeDelivery from = NoticeDelivery.valueOf(r.getString("delivery_state"));
            if (!from.canMoveTo(to)) {
                Problem.send(ctx, 409, "Conflict", refusal(from, to));
                return;
            }
            apply(id, from, to, on, note, p)
                    .compose(x -> find(id, null))
                    .onSuccess(after -> ctx.json(json(after, today())))
                    .onFailure(e -> {
                        if (e instanceof PgException pg && "MT409".equals(pg.getSqlState())) Problem.send(ctx, 409, "Conflict", pg.getErrorMessage());
                        else if (e instanceof PgException pg && "MT422".equals(pg.getSqlState()))
                            Problem.send(ctx, 422, "Unprocessable Content", "on: " + pg.getErrorMessage());
                        else IocApiVerticle.databaseDown(ctx, e);
                    });
        }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private static String refusal(NoticeDelivery from, NoticeDelivery to) {
        return "a " + from + " notice cannot become " + to + "; allowed next: " + (from.next().isEmpty() ? "none" : from.next());
    }

    private Future<Void> apply(UUID id, NoticeDelivery from, NoticeDelivery to, LocalDate on, String note, Principal p) {
        return pool.preparedQuery("SELECT notice_move($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.of(id, from.name(), to.name(), on, note == null || note.isBlank() ? null : note.strip(), p.username(), p.role()))
                .mapEmpty();
    }

    /** The notice of a case id, or of an 8-character notice number when {@code number} is given; null when none or several. */
    private Future<Row> find(UUID id, String number) {
        Future<RowSet<Row>> rows = number == null
                ? pool.preparedQuery(NOTICE + " WHERE n.case_id = $1").execute(Tuple.of(id))
                : pool.preparedQuery(NOTICE + " WHERE upper(left(n.case_id::text, 8)) = $1 LIMIT 2").execute(Tuple.of(number.toUpperCase()));
        return rows.map(rs -> rs.size() == 1 ? rs.iterator().next() : null);
    }

    JsonObject json(Row r, LocalDate asOf) {
        UUID id = r.getUUID("case_id");
        NoticeDelivery state = NoticeDelivery.valueOf(r.getString("delivery_state"));
        JsonObject dates = new JsonObject();
        for (NoticeDelivery d : NoticeDelivery.values()) {
            if (d.dateColumn() == null) continue;
            LocalDate on = r.getLocalDate(d.dateColumn());
            if (on != null) dates.put(d.name().toLowerCase(), on.toString());
        }
        JsonObject o = new JsonObject().put("case_id", id.toString()).put("notice_no", noticeNo(id)).put("state", state.name())
                .put("state_vi", state.vi).put("issued_at", r.getOffsetDateTime("issued_at").toInstant().toString()).put("dates", dates)
                .put("allowed_next", new JsonArray(state.next().stream().map(Enum::name).toList()));
        Overdue due = overdue(state, r.getLocalDate("sent_on"), r.getLocalDate("delivered_on"));
        o.put("overdue", due == null || !asOf.isAfter(due.dueOn) ? null
                : new JsonObject().put("rule", due.rule).put("due_on", due.dueOn.toString()).put("days_overdue", asOf.toEpochDay() - due.dueOn.toEpochDay()));
        return o;
    }

    private record Overdue(String rule, LocalDate dueOn) {
    }

    /** The rule a notice in this state is held to and the last day it may take, or null when none applies. */
    private Overdue overdue(NoticeDelivery state, LocalDate sentOn, LocalDate deliveredOn) {
        if (state == NoticeDelivery.SENT && sentOn != null) return new Overdue("not_delivered", sentOn.plusDays(deadlines.deliverWithinDays()));
        if (state == NoticeDelivery.DELIVERED && deliveredOn != null)
            return new Overdue("not_settled", deliveredOn.plusDays(deadlines.settleWithinDays()));
        return null;
    }

    // ---- the overdue list ----

    private void overdue(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        String asOfParam = ctx.queryParams().get("as_of");
        LocalDate asOf = asOfParam == null ? today() : date(asOfParam); // the contract checked the form, not the calendar
        if (asOf == null) {
            Problem.send(ctx, 400, "Bad Request", "as_of: '" + asOfParam + "' is not a day of the calendar");
            return;
        }
        String rule = ctx.queryParams().get("rule");
        List<Object> args = new ArrayList<>(List.of(asOf, deadlines.deliverWithinDays(), deadlines.settleWithinDays()));
        StringBuilder sql = new StringBuilder("""
                SELECT n.case_id, n.delivery_state, n.sent_on, n.delivered_on, v.plate, v.unit_code, v.camera_id, v.violation_type,
                       CASE WHEN n.delivery_state = 'SENT' THEN 'not_delivered' ELSE 'not_settled' END AS rule,
                       CASE WHEN n.delivery_state = 'SENT' THEN n.sent_on + $2::int ELSE n.delivered_on + $3::int END AS due_on
                  FROM case_notice n JOIN violation_case v ON v.id = n.case_id
                 WHERE ((n.delivery_state = 'SENT' AND n.sent_on + $2::int < $1::date)
                     OR (n.delivery_state = 'DELIVERED' AND n.delivered_on + $3::int < $1::date))""");
        if (rule != null) sql.append(" AND n.delivery_state = ").append(rule.equals("not_delivered") ? "'SENT'" : "'DELIVERED'");
        if (!p.seesEveryUnit()) {
            args.add(p.unitCodes().toArray(new String[0]));
            sql.append(" AND v.unit_code = ANY($").append(args.size()).append(")");
        }
        String unit = ctx.queryParams().get("unit");
        if (unit != null) {
            args.add(unit);
            sql.append(" AND v.unit_code = $").append(args.size());
        }
        sql.append(" ORDER BY due_on, n.case_id");
        pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).compose(rows -> {
            JsonArray items = new JsonArray();
            for (Row r : rows) {
                UUID id = r.getUUID("case_id");
                LocalDate due = r.getLocalDate("due_on");
                items.add(new JsonObject().put("case_id", id.toString()).put("notice_no", noticeNo(id)).put("rule", r.getString("rule"))
                        .put("state", r.getString("delivery_state")).put("sent_on", str(r.getLocalDate("sent_on")))
                        .put("delivered_on", str(r.getLocalDate("delivered_on"))).put("due_on", due.toString())
                        .put("days_overdue", asOf.toEpochDay() - due.toEpochDay()).put("plate", r.getString("plate"))
                        .put("unit_code", r.getString("unit_code")).put("camera_id", r.getString("camera_id"))
                        .put("violation_type", r.getString("violation_type")));
            }
            JsonObject rules = new JsonObject()
                    .put("not_delivered", new JsonObject().put("days", deadlines.deliverWithinDays())
                            .put("vi", "Đã gửi bưu điện nhưng chưa phát hoặc bị trả lại sau " + deadlines.deliverWithinDays() + " ngày")
                            .put("en", "sent by post, neither delivered nor returned after " + deadlines.deliverWithinDays() + " days"))
                    .put("not_settled", new JsonObject().put("days", deadlines.settleWithinDays())
                            .put("vi", "Đã phát nhưng chưa nộp phạt hoặc khiếu nại sau " + deadlines.settleWithinDays() + " ngày")
                            .put("en", "delivered, neither paid nor contested after " + deadlines.settleWithinDays() + " days"));
            JsonObject page = new JsonObject().put("as_of", asOf.toString()).put("rules", rules).put("items", items);
            return AuditLog.record(pool, p, "notice.overdue.list", "notices", items.size() + " overdue, filter " + ctx.request().query()).map(page);
        }).onSuccess(ctx::json).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    private static String str(LocalDate d) {
        return d == null ? null : d.toString();
    }

    // ---- postal results from CSV ----

    /** One data row of the CSV: where it is, and its fields (or why it cannot be read). */
    record CsvRow(int line, UUID caseId, String number, NoticeDelivery to, LocalDate on, String note, String problem) {
    }

    /**
     * Reads {@code notice,state,date[,note]} with a header line (RFC 4180 quoting; blank lines skipped): a notice is its
     * case id or its 8-character notice number, a state one of PRINTED…CLOSED in any case, a date YYYY-MM-DD or
     * DD/MM/YYYY. Rows that cannot be read keep their line and the reason. A file without the header is refused whole.
     */
    static List<CsvRow> parse(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).replace("\uFEFF", "").strip().replace(" ", "").toLowerCase().startsWith("notice,state,date")) {
            throw new IllegalArgumentException("line 1: expected the header " + HEADER + " (note optional)");
        }
        List<CsvRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            int line = i + 1;
            if (lines.get(i).isBlank()) continue;
            List<String> f = fields(lines.get(i));
            if (f == null) {
                rows.add(problem(line, "unbalanced quotes"));
                continue;
            }
            if (f.size() < 3 || f.size() > 4) {
                rows.add(problem(line, "expected 3 or 4 columns (" + HEADER + "), got " + f.size()));
                continue;
            }
            String notice = f.get(0).strip(), state = f.get(1).strip(), date = f.get(2).strip();
            String note = f.size() == 4 ? f.get(3).strip() : null;
            UUID id = null;
            String number = null;
            if (NOTICE_NO.matcher(notice).matches()) number = notice.toUpperCase();
            else {
                try {
                    id = UUID.fromString(notice);
                    if (notice.length() != 36) throw new IllegalArgumentException();
                } catch (IllegalArgumentException e) {
                    rows.add(problem(line, "notice: '" + notice + "' is neither a case id nor an 8-character notice number"));
                    continue;
                }
            }
            Optional<NoticeDelivery> to = NoticeDelivery.target(state);
            if (to.isEmpty()) {
                rows.add(problem(line, "state: '" + state + "' is not one of PRINTED, SENT, DELIVERED, RETURNED, PAID, CONTESTED, CLOSED"));
                continue;
            }
            LocalDate on = date(date);
            if (on == null) {
                rows.add(problem(line, "date: '" + date + "' is not a date (YYYY-MM-DD or DD/MM/YYYY)"));
                continue;
            }
            if (note != null && note.length() > 500) {
                rows.add(problem(line, "note: longer than 500 characters"));
                continue;
            }
            rows.add(new CsvRow(line, id, number, to.get(), on, note == null || note.isEmpty() ? null : note, null));
        }
        return rows;
    }

    private static CsvRow problem(int line, String reason) {
        return new CsvRow(line, null, null, null, null, null, reason);
    }

    private static LocalDate date(String s) {
        try {
            return s.contains("/") ? LocalDate.parse(s, VN_DATE) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The fields of one CSV line; null when a quote is left open. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') quoted = false;
                else cur.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(ch);
        }
        if (quoted) return null;
        out.add(cur.toString());
        return out;
    }

    private void importCsv(RoutingContext ctx) {
        Principal p = ApiContract.caller(ctx);
        List<CsvRow> rows;
        try {
            rows = parse(ctx.body().asString("UTF-8"));
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        List<Integer> applied = new ArrayList<>();
        JsonArray rejected = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (CsvRow row : rows) { // in file order: a file may carry SENT then DELIVERED for the same notice
            chain = chain.compose(x -> applyRow(row, p).map(reason -> {
                if (reason == null) applied.add(row.line());
                else rejected.add(new JsonObject().put("line", row.line()).put("reason", reason));
                return null;
            }));
        }
        chain.compose(x -> AuditLog.record(pool, p, "notice.delivery.import", "notices",
                        applied.size() + " rows applied, " + rejected.size() + " rejected"))
                .onSuccess(x -> {
                    JsonObject out = new JsonObject().put("applied", applied.size()).put("rejected", rejected);
                    if (applied.isEmpty() && !rejected.isEmpty()) {
                        ctx.response().setStatusCode(422).putHeader("Content-Type", "application/problem+json")
                                .end(new JsonObject().put("type", "about:blank").put("title", "Unprocessable Content").put("status", 422)
                                        .put("detail", "no row could be applied").put("instance", ctx.request().path()).mergeIn(out).encode());
                    } else ctx.json(out);
                }).onFailure(e -> IocApiVerticle.databaseDown(ctx, e));
    }

    /** Applies one row; the reason it was refused, or null when applied. */
    private Future<String> applyRow(CsvRow row, Principal p) {
        if (row.problem() != null) return Future.succeededFuture(row.problem());
        String named = row.caseId() != null ? row.caseId().toString() : row.number();
        return find(row.caseId(), row.caseId() == null ? row.number() : null).compose(r -> {
            if (r == null || !p.covers(r.getString("unit_code"))) {
                return Future.succeededFuture("notice: " + named + " is not a notice in your jurisdiction"
                        + (row.caseId() == null ? " (or the number is shared by several; use the case id)" : ""));
            }
            NoticeDelivery from = NoticeDelivery.valueOf(r.getString("delivery_state"));
            if (!from.canMoveTo(row.to())) return Future.succeededFuture("state: " + refusal(from, row.to()));
            return apply(r.getUUID("case_id"), from, row.to(), row.on(), row.note(), p).<String>map(x -> null).recover(e -> {
                if (e instanceof PgException pg && "MT409".equals(pg.getSqlState())) return Future.succeededFuture("notice: " + pg.getErrorMessage());
                if (e instanceof PgException pg && "MT422".equals(pg.getSqlState())) return Future.succeededFuture("date: " + pg.getErrorMessage());
                return Future.failedFuture(e);
            });
        });
    }
}
