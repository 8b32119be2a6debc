package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.Security;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.smimegateway.it.harness.JamesGateway;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.WebAdminClient;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * Amazon Corretto Crypto Provider as operators install it: its jar beside the drop-in jar in James's
 * {@code extensions-jars/}, nowhere else. Its native library loads inside James's extension class loader, the engine
 * chooses it (logged once, health check healthy), mail goes out signed and encrypted in a form OpenSSL reads, and the
 * provider is not registered in the JVM.
 */
class NativeCryptoIT {
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String PASSWORD = "secret";
    private static final ListAppender<ILoggingEvent> CHOICE_LOG = new ListAppender<>();
    private static OpenSslPki pki;
    private static OpenSslPki.Identity carol;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(NativeCryptoIT::prepare);

    private static void prepare(Path root) throws Exception {
        Path accp = Paths.get(System.getProperty("smimegateway.accpJar"));
        Files.copy(accp, root.resolve("extensions-jars").resolve(accp.getFileName()));
        pki = OpenSslPki.create(Files.createDirectories(root.resolve("pki")), "Native Crypto IT CA");
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
        OpenSslPki.Identity alice = pki.issue(ALICE);
        Files.copy(alice.pkcs12(), store.resolve("keys/alice.p12"));
        Files.writeString(store.resolve("keys/alice.p12.pass"), alice.p12Password());
        carol = pki.issue(CAROL);
        Files.copy(carol.certificate(), store.resolve("certs/carol.pem"));
        Logger logger = (Logger) LoggerFactory.getLogger("org.smimegateway.smime.CryptoProviders");
        CHOICE_LOG.start();
        logger.addAppender(CHOICE_LOG);
    }

    @Test
    void theNativeProviderIsNotOnTheTestClasspathSoJamessExtensionLoaderLoadedIt() {
        assertThatThrownBy(() -> Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider"))
            .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void mailGoesOutSignedAndEncryptedByTheNativeProviderLoadedInJamesExtensionClassLoader() throws Exception {
        byte[] message = ("From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: native\r\nMessage-ID: <native-"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Signed and encrypted by AWS-LC.\r\n").getBytes(StandardCharsets.US_ASCII);

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), message);

        JamesGateway.RepositoryMail out = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.gateway().outgoing().stream()
                .filter(mail -> new String(mail.message(), StandardCharsets.US_ASCII).contains("Subject: native"))
                .findFirst(), found -> found.isPresent()).orElseThrow();
        // The choice is logged once, at the mailets' init, from inside James.
        assertThat(CHOICE_LOG.list).extracting(ILoggingEvent::getFormattedMessage)
            .containsExactly("S/MIME crypto: AmazonCorrettoCryptoProvider 2.5.0 (native, self-tests passed)");
        // The native library is mapped into this JVM (where James runs): it loaded from the jar in extensions-jars/.
        assertThat(Files.readString(Path.of("/proc/self/maps"))).contains("amazonCorrettoCryptoProvider");
        // Passed as an instance, never registered: James and other extensions keep their providers.
        assertThat(Security.getProviders()).noneMatch(p -> p.getName().startsWith("AmazonCorretto"));

        OpenSslCms openssl = new OpenSslCms(Files.createTempDirectory("native-crypto-it"));
        ExternalTool.Result decrypted = openssl.decrypt(out.message(), carol).assertSuccess();
        ExternalTool.Result verified = openssl.verify(decrypted.stdout(), pki.caCertificate()).assertSuccess();
        assertThat(verified.stdoutText()).contains("Signed and encrypted by AWS-LC.");
    }

    @Test
    void theCryptoHealthCheckIsHealthyOnTheNativeProvider() {
        WebAdminClient.Answer answer = new WebAdminClient(james.gateway().webAdminPort())
            .get("/healthcheck/checks/smime-gateway%20crypto");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"componentName\":\"smime-gateway crypto\"", "\"status\":\"healthy\"");
    }
}
