package org.smimegateway.webadmin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.smimegateway.audit.AuditQuery;
import org.smimegateway.audit.AuditRecord;
import org.smimegateway.audit.RecentAuditEvents;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin route for the recent audit trail (webadmin/README.md, "Audit log"): the latest security decisions about
 * mail and administrative acts that {@link org.smimegateway.audit.AuditLog} kept in memory since James started,
 * filtered by event prefix, text in any field (a Message-ID, an address, a serial), time and number. Read-only; the
 * audit log file keeps the history.
 */
public final class AuditRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/audit";

    private final RecentAuditEvents events;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public AuditRoutes() {
        this(RecentAuditEvents.shared());
    }

    AuditRoutes(RecentAuditEvents events) {
        this.events = events;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::recent, json);
    }

    private Object recent(Request request, Response response) {
        response.type(RouteAnswers.JSON);
        AuditQuery query = new AuditQuery(text(request, "event"), text(request, "text"), since(request),
            limit(request));
        List<AuditRecord> found = events.find(query);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("capacity", events.capacity());
        answer.put("held", events.size());
        answer.put("logged", events.logged());
        answer.put("limit", query.limit());
        answer.put("events", found.stream().map(AuditRoutes::describe).toList());
        return answer;
    }

    private static Map<String, Object> describe(AuditRecord record) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sequence", record.sequence());
        answer.put("at", record.at().toString());
        answer.put("event", record.event());
        answer.put("actor", record.actor());
        answer.put("fields", record.fields());
        answer.put("line", record.line());
        return answer;
    }

    private static Optional<String> text(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).filter(v -> !v.isBlank());
    }

    private static Optional<Instant> since(Request request) {
        Optional<String> value = text(request, "since");
        try {
            return value.map(v -> Instant.parse(v.strip()));
        } catch (DateTimeParseException e) {
            throw RouteAnswers.badRequest("'since' must be an instant such as 2026-12-04T12:00:00Z, was '"
                + value.get() + "'");
        }
    }

    private static int limit(Request request) {
        Optional<String> value = text(request, "limit");
        if (value.isEmpty()) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get().strip());
            if (limit >= 1) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RouteAnswers.badRequest("'limit' must be a whole number from 1 (at most " + AuditQuery.MAX_LIMIT
            + " are answered), was '" + value.get() + "'");
    }
}
