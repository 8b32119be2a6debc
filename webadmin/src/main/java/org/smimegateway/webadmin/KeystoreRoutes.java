package org.smimegateway.webadmin;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.smimegateway.admin.certificates.Certificates;
import org.smimegateway.admin.certificates.LiveKeystore;
import org.smimegateway.admin.certificates.TrustMaterial;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.mailets.GatewayKeystores;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for certificates, anchors, intermediates, CRLs and the keystore cache (webadmin/README.md,
 * "Certificates, anchors, intermediates, CRLs, cache"). Reads ask the live keystore the mailets use; writes go to the
 * file store of admin.properties {@code store} through the admin core, which audits them and flushes the live
 * keystore's caches so the next mail sees the change.
 *
 * <p>The base path is {@code /smime-gateway}: James guards only a route class's base path and what lies below it
 * with WebAdmin authentication, and these routes span {@code /smime-gateway/certificates}, {@code anchors},
 * {@code intermediates}, {@code crls} and {@code keystore}.
 */
public final class KeystoreRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway";
    public static final String CERTIFICATES = BASE_PATH + "/certificates";
    public static final String ANCHORS = BASE_PATH + "/anchors";
    public static final String INTERMEDIATES = BASE_PATH + "/intermediates";
    public static final String CRLS = BASE_PATH + "/crls";
    public static final String CACHE_FLUSH = BASE_PATH + "/keystore/cache/flush";
    /** The header that carries a PKCS#12 password (never the query string, which access logs keep). */
    public static final String PKCS12_PASSWORD_HEADER = "X-Pkcs12-Password";
    static final String PKCS12_CONTENT_TYPE = "application/x-pkcs12";
    static final String ACTOR = "webadmin";

    private final Supplier<AdminSettings> settings;
    private final Supplier<KeystoreProvider> keystore;
    private final JsonTransformer json = new JsonTransformer();

    /** For James: settings from admin.properties, the keystore the mailets share. */
    public KeystoreRoutes() {
        this(Lazy.of(AdminSettings::load), null);
    }

    /** For tests: given settings and keystore. */
    public KeystoreRoutes(AdminSettings settings, KeystoreProvider keystore) {
        this(() -> settings, () -> keystore);
    }

    private KeystoreRoutes(Supplier<AdminSettings> settings, Supplier<KeystoreProvider> keystore) {
        this.settings = settings;
        this.keystore = keystore != null ? keystore
            : Lazy.of(() -> GatewayKeystores.shared(settings.get().keystore()));
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(CERTIFICATES, (request, response) -> answer(response, () -> {
            String address = request.queryParams("address");
            return address == null ? certificates().list() : certificates().search(address);
        }), json);
        service.get(CERTIFICATES + "/:fingerprint", (request, response) -> answer(response,
            () -> certificates().detail(request.params(":fingerprint"),
                Optional.ofNullable(request.queryParams("address")).filter(a -> !a.isBlank()))), json);
        service.post(CERTIFICATES, (request, response) -> answer(response, () -> {
            response.status(201);
            return importCertificate(request);
        }), json);
        service.delete(CERTIFICATES + "/:fingerprint", (request, response) -> answer(response,
            () -> Map.of("deleted", certificates().delete(request.params(":fingerprint"),
                Boolean.parseBoolean(request.queryParams("deleteKey"))))), json);

        defineCaCertificates(service, ANCHORS, TrustMaterial.Kind.ANCHOR);
        defineCaCertificates(service, INTERMEDIATES, TrustMaterial.Kind.INTERMEDIATE);

        service.get(CRLS, (request, response) -> answer(response, () -> trust().crls()), json);
        service.post(CRLS, (request, response) -> answer(response, () -> {
            response.status(201);
            return trust().importCrl(request.bodyAsBytes());
        }), json);

        service.post(CACHE_FLUSH, (request, response) -> answer(response, () -> {
            live().changed(live().event("keystore.flush"));
            response.status(204);
            return "";
        }));
    }

    private void defineCaCertificates(Service service, String path, TrustMaterial.Kind kind) {
        service.get(path, (request, response) -> answer(response, () -> trust().list(kind)), json);
        service.post(path, (request, response) -> answer(response, () -> {
            response.status(201);
            return trust().importCertificates(kind, request.bodyAsBytes());
        }), json);
        service.delete(path + "/:fingerprint", (request, response) -> answer(response,
            () -> Map.of("deleted", trust().delete(kind, request.params(":fingerprint")))), json);
    }

    /** PKCS#12 when the content type says so or a password header is given; PEM, DER or PKCS#7 otherwise. */
    private Object importCertificate(Request request) {
        String address = request.queryParams("address");
        String password = request.headers(PKCS12_PASSWORD_HEADER);
        String type = Optional.ofNullable(request.contentType()).orElse("");
        if (type.startsWith(PKCS12_CONTENT_TYPE) || password != null) {
            if (password == null) {
                throw RouteAnswers.badRequest(PKCS12_PASSWORD_HEADER + ": the header with the PKCS#12 password is required");
            }
            char[] secret = password.toCharArray();
            try {
                return List.of(certificates().importPkcs12(request.bodyAsBytes(), secret, address));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        return certificates().importCertificates(request.bodyAsBytes(), address);
    }

    private Object answer(Response response, Supplier<Object> work) {
        response.type("application/json");
        return Problems.answer(work);
    }

    private Certificates certificates() {
        return new Certificates(settings.get().store(), live());
    }

    private TrustMaterial trust() {
        return new TrustMaterial(settings.get().store(), live(), Clock.systemUTC());
    }

    private LiveKeystore live() {
        return new LiveKeystore(Problems.loading("keystore", keystore), ACTOR);
    }
}
