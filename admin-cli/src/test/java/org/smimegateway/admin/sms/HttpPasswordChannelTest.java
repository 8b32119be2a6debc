package org.smimegateway.admin.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpPasswordChannelTest {

    private static final char[] PASSWORD = "Ab3d-Ef4h-Jk5m".toCharArray();

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> apiKeys = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void startGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/sms", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            apiKeys.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Api-Key")));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopGateway() {
        server.stop(0);
    }

    @Test
    void postsTheBodyTemplateWithExactlyThePasswordAndKeepsJsonBraces() {
        ChannelOutcome outcome = channel(Optional.of("{\"to\":\"{phone}\",\"text\":\"{password}\"}"))
            .send(new PasswordNotice("bob@partner.test", Optional.of("+49170"), PASSWORD));

        assertThat(outcome).isInstanceOf(ChannelOutcome.Delivered.class);
        assertThat(bodies).containsExactly("{\"to\":\"+49170\",\"text\":\"Ab3d-Ef4h-Jk5m\"}");
        assertThat(apiKeys).containsExactly("k1");
    }

    @Test
    void reportsANon2xxAnswerAsFailedWithoutThePassword() {
        status = 500;
        ChannelOutcome outcome = channel(Optional.empty())
            .send(new PasswordNotice("bob@partner.test", Optional.of("+49170"), PASSWORD));

        assertThat(outcome).isInstanceOf(ChannelOutcome.Failed.class);
        assertThat(((ChannelOutcome.Failed) outcome).reason()).contains("500").doesNotContain("Ab3d");
    }

    @Test
    void refusesToSendWhenThePhoneNumberIsMissing() {
        ChannelOutcome outcome = channel(Optional.empty())
            .send(new PasswordNotice("bob@partner.test", Optional.empty(), PASSWORD));

        assertThat(outcome).isInstanceOf(ChannelOutcome.Failed.class);
        assertThat(bodies).isEmpty();
    }

    @Test
    void rejectsNonHttpTemplates() {
        assertThatThrownBy(() -> new HttpPasswordChannel("file:///tmp/{phone}", Optional.empty(), "text/plain",
            Map.of(), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTestNoticeTellsTheRecipientItIsATestAndCarriesOnlyItsMarker() {
        ChannelOutcome outcome = channel(Optional.of("{\"to\":\"{phone}\",\"text\":\"{message}\"}"))
            .send(PasswordNotice.test("bob@partner.test", Optional.of("+49170"), "test-notice-0a1b2c3d"));

        assertThat(outcome).isInstanceOf(ChannelOutcome.Delivered.class);
        assertThat(bodies).containsExactly("{\"to\":\"+49170\",\"text\":\"Test notice test-notice-0a1b2c3d from the "
            + "secure-mail gateway for bob@partner.test: the password channel works. No password, nothing to do.\"}");
    }

    @Test
    void noticeNeverPrintsThePassword() {
        assertThat(new PasswordNotice("bob@partner.test", Optional.empty(), PASSWORD).toString())
            .doesNotContain("Ab3d");
    }

    private HttpPasswordChannel channel(Optional<String> body) {
        return new HttpPasswordChannel("http://127.0.0.1:" + server.getAddress().getPort() + "/sms?to={phone}", body,
            "application/json", Map.of("X-Api-Key", "k1"), Duration.ofSeconds(5));
    }
}
