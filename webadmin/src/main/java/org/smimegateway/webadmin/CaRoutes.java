package org.smimegateway.webadmin;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.smimegateway.admin.CaRefusal;
import org.smimegateway.admin.CaService;
import org.smimegateway.admin.CaStatus;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.IssueReport;
import org.smimegateway.admin.IssueRequest;
import org.smimegateway.admin.Issuance;
import org.smimegateway.admin.KeyAlgorithm;
import org.smimegateway.admin.PfxDelivery;
import org.smimegateway.admin.RevocationTarget;
import org.smimegateway.admin.SenderIdentities;
import org.smimegateway.admin.UserKind;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CaProfile;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.PublishedNames;
import org.smimegateway.admin.ca.RevocationReason;
import org.smimegateway.admin.delivery.MailOutcome;
import org.smimegateway.admin.delivery.MessageAssembler;
import org.smimegateway.admin.pkcs12.PasswordGenerator;
import org.smimegateway.admin.sms.ChannelOutcome;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordNotice;
import org.smimegateway.admin.store.CaSettings;
import org.smimegateway.admin.store.DirectoryCaVault;
import org.smimegateway.admin.store.FileGatewayStore;
import org.smimegateway.admin.store.StoredCertificate;
import org.smimegateway.mailets.GatewayKeystores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the built-in CA (webadmin/README.md, section "CA"): status, create, issue for internal and
 * external users (the PKCS#12 mail through James's spool, the password over the configured channel), revoke, publish
 * and fetch the CRL, fetch an issued (password-protected) PKCS#12. A thin layer over the admin core's
 * {@link CaService}; after every change the gateway's keystore caches are flushed so the next mail sees it.
 */
public final class CaRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/ca";
    static final String ACTOR = "webadmin";

    private static final Logger LOG = LoggerFactory.getLogger(CaRoutes.class);
    private static final List<String> CREATE_FIELDS = List.of("rootCommonName", "intermediateCommonName",
        "organization", "keyAlgorithm", "validityDays", "crlBaseUrl", "aiaBaseUrl");
    private static final List<String> ISSUE_FIELDS = List.of("address", "kind", "name", "phone", "keyAlgorithm",
        "validityDays", "keepKey");
    private static final List<String> REVOKE_FIELDS = List.of("serial", "address", "confirm", "reason", "dryRun");

    private final Supplier<AdminSettings> settingsSource;
    private final MailQueueFactory<?> queues;
    private final Clock clock;
    private final JsonTransformer json = new JsonTransformer();
    private AdminSettings settings;
    private CaAdminSettings ca;

    @Inject
    public CaRoutes(MailQueueFactory<?> queues) {
        this(AdminSettings::load, queues, Clock.systemUTC());
    }

    CaRoutes(Supplier<AdminSettings> settings, MailQueueFactory<?> queues, Clock clock) {
        this.settingsSource = settings;
        this.queues = queues;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        settings = settingsSource.get();
        ca = CaAdminSettings.from(settings);
        service.get(BASE_PATH, (request, response) -> answer(response, this::status), json);
        service.post(BASE_PATH, (request, response) -> answer(response, () -> create(request, response)), json);
        service.post(BASE_PATH + "/issue", (request, response) -> answer(response, () -> issue(request, response)),
            json);
        service.post(BASE_PATH + "/revoke", (request, response) -> answer(response, () -> revoke(request)), json);
        service.post(BASE_PATH + "/crl", (request, response) -> answer(response, this::publishCrl), json);
        service.get(BASE_PATH + "/crl", this::currentCrl);
        service.get(BASE_PATH + "/pkcs12/:serial", this::pkcs12);
    }

    /** Runs a route, turning the core's refusals and configuration gaps into James-style error answers. */
    private Object answer(Response response, Supplier<Object> route) {
        response.type(RouteAnswers.JSON);
        try {
            return route.get();
        } catch (HaltException e) {
            throw e;
        } catch (CaRefusal refusal) {
            throw switch (refusal.reason()) {
                case NOT_FOUND -> RouteAnswers.notFound(refusal.getMessage());
                case NO_CA, CA_EXISTS, ALREADY_REVOKED, NEEDS_CONFIRMATION -> RouteAnswers.conflict(refusal.getMessage());
            };
        } catch (IllegalArgumentException e) {
            throw RouteAnswers.badRequest(e.getMessage());
        }
    }

    private CaService service() {
        return new CaService(new DirectoryCaVault(ca.caDirectory()), new FileGatewayStore(settings.store(),
            Optional.empty()), clock, ACTOR);
    }

    private Object status() {
        CaStatus status = service().status();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("exists", status.exists());
        status.root().ifPresent(c -> answer.put("root", describe(c)));
        status.intermediate().ifPresent(c -> answer.put("intermediate", describe(c)));
        answer.put("crlNumber", status.crlNumber().map(BigInteger::toString).orElse(null));
        answer.put("crlNextUpdate", status.crlNextUpdate().map(Object::toString).orElse(null));
        answer.put("revoked", status.revokedCount());
        answer.put("directory", ca.caDirectory().toString());
        answer.put("passwordFile", ca.passwordFile().toString());
        answer.put("passwordFileReadable", Files.isReadable(ca.passwordFile()));
        return answer;
    }

    private synchronized Object create(Request request, Response response) {
        Map<String, Object> body = RouteAnswers.body(request, CREATE_FIELDS);
        CaService service = service();
        if (service.exists()) {
            throw RouteAnswers.conflict("a CA already exists in " + ca.caDirectory() + "; refusing to overwrite it");
        }
        CaProfile profile = new CaProfile(
            Optional.ofNullable(RouteAnswers.text(body, "rootCommonName")).orElse("smime-gateway Root CA"),
            Optional.ofNullable(RouteAnswers.text(body, "intermediateCommonName")).orElse("smime-gateway Issuing CA"),
            Optional.ofNullable(RouteAnswers.text(body, "organization")),
            RouteAnswers.choice(body, "keyAlgorithm", KeyAlgorithm.class, KeyAlgorithm.DEFAULT),
            Optional.ofNullable(RouteAnswers.number(body, "validityDays")).orElse(CaProfile.DEFAULT_VALIDITY_DAYS),
            uri(body, "crlBaseUrl"), uri(body, "aiaBaseUrl"));
        char[] password = caPassword();
        try {
            service.create(profile, password, ca.crlDays(), ca.publishDirectory());
        } finally {
            Arrays.fill(password, '\0');
        }
        flushGatewayCaches();
        response.status(201);
        return status();
    }

    private synchronized Object issue(Request request, Response response) {
        Map<String, Object> body = RouteAnswers.body(request, ISSUE_FIELDS);
        String address = RouteAnswers.text(body, "address");
        if (address == null) {
            throw RouteAnswers.badRequest("'address' is required");
        }
        UserKind kind = RouteAnswers.choice(body, "kind", UserKind.class, null);
        if (kind == null) {
            throw RouteAnswers.badRequest("'kind' is required: internal (the gateway keeps the key) or external "
                + "(PKCS#12 by mail, password over the password channel)");
        }
        CaService service = service();
        CaMaterial material = unlock(service);
        CaSettings caSettings = service.settings();
        KeyAlgorithm keyAlgorithm = RouteAnswers.choice(body, "keyAlgorithm", KeyAlgorithm.class, KeyAlgorithm.DEFAULT);
        EndUserRequest certificate = new EndUserRequest(address, Optional.ofNullable(RouteAnswers.text(body, "name")),
            keyAlgorithm,
            Optional.ofNullable(RouteAnswers.number(body, "validityDays")).orElse(EndUserRequest.DEFAULT_VALIDITY_DAYS),
            caSettings.crlBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.INTERMEDIATE_CRL)));
        IssueRequest issueRequest = new IssueRequest(certificate, kind,
            Optional.ofNullable(RouteAnswers.text(body, "phone")), RouteAnswers.flag(body, "keepKey"), false);

        EndUserIssuer issuer = new EndUserIssuer(clock);
        FileGatewayStore store = new FileGatewayStore(settings.store(), Optional.empty());
        PasswordChannel channel = kind == UserKind.EXTERNAL ? configured(ca::openChannel) : NO_CHANNEL;
        Optional<PfxDelivery> delivery = Optional.empty();
        if (kind == UserKind.EXTERNAL) {
            PfxDelivery.MailSettings mail = configured(ca::mailSettings);
            delivery = Optional.of(new PfxDelivery(mail,
                new SenderIdentities(store, material, caSettings, issuer, KeyAlgorithm.DEFAULT).signerFor(mail.from()),
                new MessageAssembler(clock), new SpoolSubmitter(queues, ca.mailState()), channel));
        }
        Issuance issuance = new Issuance(material, caSettings, store, issuer,
            new Issuance.PfxSettings(ca.pkcs12Encryption(), () -> new PasswordGenerator().generate(),
                ca.pfxDirectory()),
            delivery, channel);
        IssueReport report = service.issue(issuance, issueRequest);
        flushGatewayCaches();
        response.status(report.succeeded() ? 201 : 502);
        return describe(report);
    }

    private synchronized Object revoke(Request request) {
        Map<String, Object> body = RouteAnswers.body(request, REVOKE_FIELDS);
        String serial = RouteAnswers.text(body, "serial");
        String address = RouteAnswers.text(body, "address");
        if ((serial == null) == (address == null)) {
            throw RouteAnswers.badRequest("give exactly one of 'serial' (hex) or 'address'");
        }
        RevocationTarget target = serial != null ? RevocationTarget.Serial.parse(serial)
            : new RevocationTarget.Address(address);
        RevocationReason reason = RouteAnswers.choice(body, "reason", RevocationReason.class,
            RevocationReason.UNSPECIFIED);
        CaService service = service();
        CaMaterial material = unlock(service);
        if (RouteAnswers.flag(body, "dryRun")) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("wouldRevoke", service.targets(material, target).stream().map(CaRoutes::describe).toList());
            return answer;
        }
        CaService.Revoked revoked = service.revoke(material, target, reason, RouteAnswers.flag(body, "confirm"),
            ca.crlDays(), ca.publishDirectory());
        flushGatewayCaches();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("revoked", revoked.certificates().stream().map(CaRoutes::describe).toList());
        answer.put("reason", reason.name().toLowerCase(Locale.ROOT));
        answer.put("crl", describe(revoked.crls().intermediateCrl()));
        return answer;
    }

    private synchronized Object publishCrl() {
        CaService service = service();
        CaMaterial material = unlock(service);
        CrlPublication.Published published = service.publishCrl(material, ca.crlDays(), ca.publishDirectory());
        flushGatewayCaches();
        return describe(published.intermediateCrl());
    }

    private Object currentCrl(Request request, Response response) {
        CaService service = service();
        if (!service.exists()) {
            response.type(RouteAnswers.JSON);
            throw RouteAnswers.conflict("there is no CA yet; create one with POST " + BASE_PATH);
        }
        X509CRL crl = service.currentCrl().orElseThrow(() -> {
            response.type(RouteAnswers.JSON);
            return RouteAnswers.notFound("the gateway store holds no CRL of the issuing CA; POST " + BASE_PATH
                + "/crl publishes one");
        });
        try {
            byte[] der = crl.getEncoded();
            response.type("application/pkix-crl");
            response.header("Content-Disposition", "attachment; filename=\"" + PublishedNames.INTERMEDIATE_CRL + "\"");
            return der;
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }

    /** An issued PKCS#12 as it was written: protected by the password that went over the password channel. */
    private Object pkcs12(Request request, Response response) {
        String serial;
        try {
            serial = RevocationTarget.Serial.parse(request.params("serial")).serial().toString(16);
        } catch (IllegalArgumentException e) {
            response.type(RouteAnswers.JSON);
            throw RouteAnswers.badRequest(e.getMessage());
        }
        Path file;
        try (var files = Files.list(ca.pfxDirectory())) {
            file = files.filter(p -> p.getFileName().toString().endsWith("-" + serial + ".p12")).findFirst()
                .orElse(null);
        } catch (java.io.IOException e) {
            file = null;
        }
        if (file == null) {
            response.type(RouteAnswers.JSON);
            throw RouteAnswers.notFound("no PKCS#12 file for serial " + serial + " in " + ca.pfxDirectory()
                + " (internal users get none; a failed delivery deletes it)");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            response.type("application/x-pkcs12");
            response.header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"");
            return bytes;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private char[] caPassword() {
        return configured(ca::caPassword);
    }

    private CaMaterial unlock(CaService service) {
        if (!service.exists()) {
            throw RouteAnswers.conflict("there is no CA yet; create one with POST " + BASE_PATH);
        }
        char[] password = caPassword();
        try {
            return service.unlock(password);
        } catch (CaRefusal refusal) {
            throw refusal;
        } catch (RuntimeException e) {
            throw RouteAnswers.unavailable("the CA keys in " + ca.caDirectory() + " cannot be unlocked with the "
                + "password in " + ca.passwordFile() + " ('ca.passwordFile'): " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Configuration James's operator must fix (admin.properties): 503 with the message naming the key. */
    private static <T> T configured(Supplier<T> what) {
        try {
            return what.get();
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            throw RouteAnswers.unavailable(e.getMessage());
        }
    }

    /** The gateway applies the change to the very next mail, not after a cache period. */
    private void flushGatewayCaches() {
        try {
            GatewayKeystores.shared(settings.keystore()).flushCaches();
        } catch (RuntimeException e) {
            LOG.warn("keystore {} caches not flushed: {}", settings.keystore(), e.getMessage());
        }
    }

    private static Optional<URI> uri(Map<String, Object> body, String key) {
        String value = RouteAnswers.text(body, key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(value));
        } catch (IllegalArgumentException e) {
            throw RouteAnswers.badRequest("'" + key + "' is not a URL: " + value);
        }
    }

    /** Internal users get no PKCS#12, so there is no password to send. */
    private static final PasswordChannel NO_CHANNEL = new PasswordChannel() {
        @Override
        public ChannelOutcome send(PasswordNotice notice) {
            return new ChannelOutcome.Failed("internal users get no password");
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    private static Map<String, Object> describe(IssueReport report) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("address", report.address());
        answer.put("serial", report.serialHex());
        answer.put("kind", report.kind().name().toLowerCase(Locale.ROOT));
        answer.put("filed", report.filed());
        answer.put("keyKept", report.keyKept());
        answer.put("succeeded", report.succeeded());
        report.mail().ifPresent(outcome -> {
            Map<String, Object> mail = new LinkedHashMap<>();
            if (outcome instanceof MailOutcome.Sent sent) {
                mail.put("accepted", true);
                mail.put("messageId", sent.messageId());
            } else {
                mail.put("accepted", false);
                mail.put("reason", ((MailOutcome.Failed) outcome).reason());
            }
            answer.put("mail", mail);
        });
        report.password().ifPresent(outcome -> {
            Map<String, Object> password = new LinkedHashMap<>();
            if (outcome instanceof ChannelOutcome.Delivered delivered) {
                password.put("delivered", true);
                password.put("channel", delivered.detail());
            } else {
                password.put("delivered", false);
                password.put("reason", ((ChannelOutcome.Failed) outcome).reason());
            }
            answer.put("password", password);
        });
        if (report.pfxFile().isPresent()) {
            answer.put("pkcs12", BASE_PATH + "/pkcs12/" + report.serialHex());
        }
        return answer;
    }

    private static Map<String, Object> describe(StoredCertificate stored) {
        Map<String, Object> answer = describe(stored.certificate());
        answer.put("address", stored.address());
        return answer;
    }

    static Map<String, Object> describe(X509Certificate certificate) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("subject", certificate.getSubjectX500Principal().getName());
        answer.put("issuer", certificate.getIssuerX500Principal().getName());
        answer.put("serial", certificate.getSerialNumber().toString(16));
        answer.put("notBefore", certificate.getNotBefore().toInstant().toString());
        answer.put("notAfter", certificate.getNotAfter().toInstant().toString());
        try {
            answer.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(certificate.getEncoded())));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
        return answer;
    }

    private static Map<String, Object> describe(X509CRL crl) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("issuer", crl.getIssuerX500Principal().getName());
        answer.put("crlNumber", CaService.crlNumber(crl).map(BigInteger::toString).orElse(null));
        answer.put("revoked", CaService.revokedCount(crl));
        answer.put("thisUpdate", crl.getThisUpdate().toInstant().toString());
        answer.put("nextUpdate", crl.getNextUpdate().toInstant().toString());
        List<String> serials = new ArrayList<>();
        if (crl.getRevokedCertificates() != null) {
            crl.getRevokedCertificates().forEach(entry -> serials.add(entry.getSerialNumber().toString(16)));
        }
        answer.put("revokedSerials", serials);
        return answer;
    }
}
