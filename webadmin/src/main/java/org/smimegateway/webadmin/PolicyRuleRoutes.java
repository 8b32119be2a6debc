package org.smimegateway.webadmin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.james.webadmin.utils.JsonTransformer;
import org.smimegateway.admin.certificates.Fingerprints;
import org.smimegateway.keystore.Addresses;
import org.smimegateway.policy.DomainPattern;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.PolicyParser;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.Setting;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The policy as global, domain and user rules (webadmin/README.md, "Policy rules"): read them, set one rule's
 * explicit settings or delete a rule. Each write edits only that rule in the file ({@link PolicyDocument}), is checked
 * by the real parser first, refused with 409 when the caller read an older file ({@code If-Match: <sha256>}), and
 * goes through {@link PolicyFile} (backup, atomic write, audit) before the shared policy is reloaded.
 */
final class PolicyRuleRoutes {
    static final String RULES = PolicyRoutes.BASE_PATH + "/rules";
    private static final List<String> SETTINGS = Setting.ALL.stream().map(Setting::key).toList();
    private static final Set<String> TRIGGER_FIELDS = Set.of("value", "caseSensitive", "remove");

    private final Supplier<Path> file;
    private final Supplier<PolicySource> source;
    private final JsonTransformer json = new JsonTransformer();

    PolicyRuleRoutes(Supplier<Path> file, Supplier<PolicySource> source) {
        this.file = file;
        this.source = source;
    }

    void define(Service service) {
        service.get(RULES, (request, response) -> json(response, this::rules), json);
        service.put(RULES + "/global", (request, response) -> json(response,
            () -> put(request, PolicyDocument.Level.GLOBAL, null)), json);
        service.put(RULES + "/domains/:domain", (request, response) -> json(response,
            () -> put(request, PolicyDocument.Level.DOMAIN, domain(request))), json);
        service.put(RULES + "/users/:address", (request, response) -> json(response,
            () -> put(request, PolicyDocument.Level.USER, address(request))), json);
        service.delete(RULES + "/domains/:domain", (request, response) -> json(response,
            () -> delete(request, PolicyDocument.Level.DOMAIN, domain(request))), json);
        service.delete(RULES + "/users/:address", (request, response) -> json(response,
            () -> delete(request, PolicyDocument.Level.USER, address(request))), json);
    }

    private Map<String, Object> rules() {
        Path path = file.get();
        byte[] content = PolicyFile.read(path);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", path.toString());
        answer.put("sha256", Fingerprints.sha256(content));
        answer.putAll(document(content).rules());
        return answer;
    }

    private Map<String, Object> put(Request request, PolicyDocument.Level level, String name) {
        if (request.body() == null || request.body().isBlank()) {
            throw RouteAnswers.badRequest("body: a JSON object of the rule's settings is required ({} for a rule "
                + "that sets nothing); accepted: " + SETTINGS);
        }
        Map<String, PolicyDocument.Value> settings = settings(RouteAnswers.body(request, SETTINGS));
        return edit(request, level, name, "policy.rule.put", document -> document.put(level, name, settings));
    }

    private Map<String, Object> delete(Request request, PolicyDocument.Level level, String name) {
        return edit(request, level, name, "policy.rule.delete", document -> {
            if (!document.remove(level, name)) {
                throw RouteAnswers.notFound("the policy has no " + level.element + " rule for '" + name + "'");
            }
        });
    }

    private Map<String, Object> edit(Request request, PolicyDocument.Level level, String name, String event,
                                     Consumer<PolicyDocument> change) {
        Path path = file.get();
        synchronized (PolicyFile.LOCK) {
            byte[] current = PolicyFile.read(path);
            String sha256 = Fingerprints.sha256(current);
            String expected = request.headers("If-Match");
            if (expected != null && !expected.replace("\"", "").trim().equalsIgnoreCase(sha256)) {
                throw RouteAnswers.conflict("If-Match: the policy file changed since it was read (its sha256 is now "
                    + sha256 + "); load the rules again and repeat the change");
            }
            PolicyDocument document = document(current);
            change.accept(document);
            byte[] candidate = document.bytes();
            try {
                PolicyParser.parse(candidate, path.getFileName().toString());
            } catch (InvalidPolicyException e) {
                throw RouteAnswers.badRequest("the policy with this change is not valid and was not written: "
                    + e.getMessage());
            }
            String rule = level.element + (name == null ? "" : " " + name);
            Path backup = PolicyFile.write(path, candidate, event, Map.of("rule", rule));
            PolicySource policy = source.get();
            policy.checkNow();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("file", path.toString());
            answer.put("sha256", Fingerprints.sha256(candidate));
            answer.put("backup", backup == null ? null : backup.toString());
            answer.put("policy", PolicyReport.status(path, policy));
            answer.putAll(document.rules());
            return answer;
        }
    }

    /** The body's settings as the file writes them, each checked alone by the real parser so a 400 names it. */
    static Map<String, PolicyDocument.Value> settings(Map<String, Object> body) {
        Map<String, PolicyDocument.Value> settings = new LinkedHashMap<>();
        body.forEach((key, given) -> {
            if (given == null) {
                return;
            }
            PolicyDocument.Value value = value(key, given);
            PolicyDocument alone = PolicyDocument.parse("<policy><global/></policy>".getBytes(StandardCharsets.UTF_8));
            alone.put(PolicyDocument.Level.GLOBAL, null, Map.of(key, value));
            try {
                PolicyParser.parse(alone.bytes(), key);
            } catch (InvalidPolicyException e) {
                String message = e.getMessage();
                String marker = "<" + key + ">: ";
                int at = message.indexOf(marker);
                throw RouteAnswers.badRequest(key + ": " + (at < 0 ? message : message.substring(at + marker.length())));
            }
            settings.put(key, value);
        });
        return settings;
    }

    private static PolicyDocument.Value value(String key, Object given) {
        if (given instanceof Map<?, ?> object && key.equals(Setting.SUBJECT_TRIGGER.key())) {
            Map<String, String> attributes = new LinkedHashMap<>();
            String text = null;
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                String field = String.valueOf(entry.getKey());
                if (!TRIGGER_FIELDS.contains(field)) {
                    throw RouteAnswers.badRequest(key + "." + field + ": unknown field; accepted: "
                        + TRIGGER_FIELDS.stream().sorted().toList());
                }
                if (entry.getValue() == null) {
                    continue;
                }
                String fieldValue = scalar(key + "." + field, entry.getValue());
                if (field.equals("value")) {
                    text = fieldValue;
                } else {
                    attributes.put(field, fieldValue);
                }
            }
            if (text == null) {
                throw RouteAnswers.badRequest(key + ".value: the regular expression is required");
            }
            return new PolicyDocument.Value(text, attributes);
        }
        return new PolicyDocument.Value(scalar(key, given), Map.of());
    }

    private static String scalar(String field, Object given) {
        if (given instanceof String || given instanceof Boolean) {
            return given.toString().trim();
        }
        throw RouteAnswers.badRequest(field + ": must be a string" + (field.startsWith(Setting.SUBJECT_TRIGGER.key())
            ? "" : " or true/false"));
    }

    private static PolicyDocument document(byte[] content) {
        try {
            return PolicyDocument.parse(content);
        } catch (IllegalArgumentException e) {
            throw RouteAnswers.conflict(e.getMessage() + "; repair it with PUT " + PolicyRoutes.BASE_PATH);
        }
    }

    private static String domain(Request request) {
        String given = request.params(":domain");
        try {
            return new DomainPattern(given).pattern();
        } catch (IllegalArgumentException e) {
            throw RouteAnswers.badRequest("domain: " + e.getMessage());
        }
    }

    private static String address(Request request) {
        String given = request.params(":address");
        return Addresses.normalize(given).orElseThrow(() -> RouteAnswers.badRequest("address: '" + given
            + "' is not a mail address"));
    }

    private static Object json(Response response, Supplier<Object> work) {
        response.type(RouteAnswers.JSON);
        return Problems.answer(work);
    }
}
