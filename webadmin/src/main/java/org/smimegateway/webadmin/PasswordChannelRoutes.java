package org.smimegateway.webadmin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.smimegateway.admin.sms.ChannelOutcome;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordChannels;
import org.smimegateway.admin.sms.PasswordNotice;
import org.smimegateway.audit.AuditLog;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for the password channels (webadmin/README.md, "Password channels"): the channel
 * {@code admin.properties} configures for the CA's PKCS#12 passwords, where it goes (never its option values, which
 * may hold tokens), and a test send of a harmless notice that carries a marker instead of a password, with the
 * channel's outcome and one audit event.
 */
public final class PasswordChannelRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/channels";

    private static final List<String> TEST_FIELDS = List.of("address", "phone");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Supplier<AdminSettings> settingsSource;
    private final JsonTransformer json = new JsonTransformer();
    private CaAdminSettings ca;

    @Inject
    public PasswordChannelRoutes() {
        this(AdminSettings::load);
    }

    PasswordChannelRoutes(Supplier<AdminSettings> settings) {
        this.settingsSource = settings;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        ca = CaAdminSettings.from(settingsSource.get());
        service.get(BASE_PATH, this::list, json);
        service.post(BASE_PATH + "/:name/test", this::test, json);
    }

    private Object list(Request request, Response response) {
        response.type(RouteAnswers.JSON);
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("name", ca.passwordChannel());
        channel.put("kind", ca.passwordChannel());
        channel.put("usedFor", "PKCS#12 passwords of external users (admin.properties 'ca.passwordChannel')");
        // Option names only: values such as header.Authorization or a URL's query may be secrets.
        channel.put("options", new TreeSet<>(ca.channelOptions().keySet()));
        try {
            channel.put("target", ca.openChannel().describe());
            channel.put("problem", null);
        } catch (RuntimeException e) {
            channel.put("target", null);
            channel.put("problem", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("channels", List.of(channel));
        answer.put("registered", PasswordChannels.names());
        return answer;
    }

    private Object test(Request request, Response response) {
        response.type(RouteAnswers.JSON);
        String name = request.params("name");
        if (!name.equalsIgnoreCase(ca.passwordChannel())) {
            throw RouteAnswers.notFound("no configured password channel '" + name + "'; configured: "
                + List.of(ca.passwordChannel()));
        }
        Map<String, Object> body = RouteAnswers.body(request, TEST_FIELDS);
        String address = RouteAnswers.text(body, "address");
        if (address == null || !address.contains("@")) {
            throw RouteAnswers.badRequest("'address' is required: the mail address the test notice is about (as a "
                + "PKCS#12 mail's recipient would be)");
        }
        Optional<String> phone = Optional.ofNullable(RouteAnswers.text(body, "phone"));
        PasswordChannel channel = open();
        String marker = "test-notice-" + HexFormat.of().formatHex(bytes(4));
        ChannelOutcome outcome = channel.send(PasswordNotice.test(address, phone, marker));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("channel", ca.passwordChannel());
        answer.put("target", channel.describe());
        answer.put("address", address);
        answer.put("marker", marker);
        AuditLog.Event event = AuditLog.event("channel.test", CaRoutes.ACTOR).with("channel", ca.passwordChannel())
            .with("target", channel.describe()).with("address", address).with("marker", marker);
        if (outcome instanceof ChannelOutcome.Delivered delivered) {
            answer.put("delivered", true);
            answer.put("detail", delivered.detail());
            event.with("outcome", "delivered").with("detail", delivered.detail()).log();
        } else {
            String reason = ((ChannelOutcome.Failed) outcome).reason();
            answer.put("delivered", false);
            answer.put("reason", reason);
            event.with("outcome", "failed").with("reason", reason).log();
            response.status(502);
        }
        return answer;
    }

    private PasswordChannel open() {
        try {
            return ca.openChannel();
        } catch (RuntimeException e) {
            throw RouteAnswers.unavailable(e.getMessage());
        }
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
