package org.smimegateway.webadmin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.smimegateway.admin.certificates.Fingerprints;
import org.smimegateway.keystore.Addresses;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.Policy;
import org.smimegateway.policy.PolicyLocation;
import org.smimegateway.policy.PolicyParser;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the policy (webadmin/README.md, "Policy"): status of the loaded file, the effective settings
 * for an address with the inheritance chain behind each, validation of a candidate file that never applies it, and
 * replacement of the file after validation (previous file kept as a backup, audited), and the rules one at a time
 * ({@link PolicyRuleRoutes}). They work on the policy
 * instance the matchers and mailets share ({@link PolicyRegistry#shared}), for admin.properties {@code policy}.
 */
public final class PolicyRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/policy";

    private final Supplier<AdminSettings> settings;
    private final Predicate<String> isLocalDomain;
    private final JsonTransformer json = new JsonTransformer();

    /** For James: settings from admin.properties; James's domain list decides locality when the policy does not. */
    @Inject
    public PolicyRoutes(DomainList domains) {
        this(Lazy.of(AdminSettings::load), domain -> {
            try {
                return domains.containsDomain(Domain.of(domain));
            } catch (DomainListException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    /** For tests. */
    public PolicyRoutes(AdminSettings settings, Predicate<String> isLocalDomain) {
        this(() -> settings, isLocalDomain);
    }

    private PolicyRoutes(Supplier<AdminSettings> settings, Predicate<String> isLocalDomain) {
        this.settings = settings;
        this.isLocalDomain = isLocalDomain;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH + "/status", (request, response) -> json(response, this::status), json);
        service.get(BASE_PATH + "/file", (request, response) -> json(response, this::currentFile), json);
        service.get(BASE_PATH + "/effective", (request, response) -> json(response, () -> effective(request)), json);
        service.post(BASE_PATH + "/validate", (request, response) -> json(response,
            () -> validate(request.bodyAsBytes())), json);
        service.put(BASE_PATH, (request, response) -> json(response, () -> replace(request.bodyAsBytes())), json);
        new PolicyRuleRoutes(this::file, this::source).define(service);
    }

    private PolicyReport.Status status() {
        Path file = file();
        try {
            return PolicyReport.status(file, PolicyRegistry.shared(settings.get().policy()));
        } catch (InvalidPolicyException e) {
            return PolicyReport.notLoaded(file, e.getMessage());
        }
    }

    /** The policy file as it is on disk now (what an editor starts from), with its SHA-256. */
    private Map<String, Object> currentFile() {
        Path file = file();
        byte[] content = PolicyFile.read(file);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("file", file.toString());
        answer.put("sha256", Fingerprints.sha256(content));
        answer.put("content", new String(content, StandardCharsets.UTF_8));
        return answer;
    }

    private Map<String, Object> effective(Request request) {
        String given = request.queryParams("address");
        String address = Addresses.normalize(given).orElseThrow(() -> RouteAnswers.badRequest(
            "address: " + (given == null ? "the query parameter is required (e.g. ?address=bob@example.com)"
                : "'" + given + "' is not a mail address")));
        Policy policy = source().current();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("address", address);
        answer.put("policy", status());
        answer.put("settings", PolicyReport.effective(policy, address, isLocalDomain));
        return answer;
    }

    private PolicyReport.Validation validate(byte[] candidate) {
        if (candidate.length == 0) {
            throw RouteAnswers.badRequest("body: the candidate policy file is empty");
        }
        try {
            return PolicyReport.valid(PolicyParser.parse(candidate, "candidate"));
        } catch (InvalidPolicyException e) {
            return PolicyReport.invalid(e.getMessage());
        }
    }

    /** Validates, keeps the previous file as {@code <file>.<UTC time>.bak}, writes atomically, applies at once. */
    private Map<String, Object> replace(byte[] candidate) {
        PolicyReport.Validation validation = validate(candidate);
        if (!validation.valid()) {
            throw RouteAnswers.badRequest("body: the policy file is not valid and was not applied: "
                + validation.error());
        }
        Path file = file();
        Path backup = PolicyFile.write(file, candidate, "policy.replace", Map.of());
        PolicySource source = source();
        source.checkNow();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("backup", backup == null ? null : backup.toString());
        answer.put("policy", PolicyReport.status(file, source));
        return answer;
    }

    private PolicySource source() {
        try {
            return PolicyRegistry.shared(settings.get().policy());
        } catch (InvalidPolicyException e) {
            throw Problems.serverError("the gateway's policy cannot be loaded: " + e.getMessage());
        }
    }

    private Path file() {
        return PolicyLocation.resolve(settings.get().policy());
    }

    private static Object json(Response response, Supplier<Object> work) {
        response.type("application/json");
        return Problems.answer(work);
    }
}
