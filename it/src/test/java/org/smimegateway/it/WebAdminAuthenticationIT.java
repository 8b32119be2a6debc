package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.smimegateway.it.harness.ConsoleBrowser;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.WebAdminClient;

/**
 * The gateway's routes sit behind James's own WebAdmin authentication: with {@code jwt.enabled=true} (as James
 * documents for production) a call without a token, or with one James cannot verify, or for a non-admin, is refused
 * before any of our code runs; an admin token signed by the configured key is let through. The console's three files
 * hold no data and are public, so a browser loads the page without a token, is asked to sign in when the first
 * route answers 401, and works once the operator pastes an admin token.
 */
class WebAdminAuthenticationIT {
    private static final KeyPair JWT_KEYS = rsa();
    private static final KeyPair STRANGER_KEYS = rsa();


    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .beforeStart(WebAdminAuthenticationIT::enableJwt);

    private static void enableJwt(Path root) throws Exception {
        Path conf = root.resolve("conf");
        Files.writeString(conf.resolve("jwt_publickey"), "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                JWT_KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n", StandardCharsets.US_ASCII);
        Files.writeString(conf.resolve("webadmin.properties"),
            "\njwt.enabled=true\njwt.publickeypem.url=file://conf/jwt_publickey\n", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void ourRoutesRefuseCallsWithoutAValidAdminToken() {
        WebAdminClient anonymous = new WebAdminClient(james.gateway().webAdminPort());
        for (String path : new String[] {"/smime-gateway/policy/status", "/smime-gateway/certificates?address=a@b.test",
            "/smime-gateway/ca", "/smime-gateway/mail/held", "/smime-gateway/crls",
            "/smime-gateway/console", "/smime-gateway/console/console.js"}) {
            assertThat(anonymous.get(path).status()).as("anonymous GET %s", path).isEqualTo(401);
        }
        assertThat(anonymous.withToken(token(STRANGER_KEYS.getPrivate(), true)).get("/smime-gateway/policy/status")
            .status()).as("token signed by another key").isEqualTo(401);
        assertThat(anonymous.withToken(token(JWT_KEYS.getPrivate(), false)).get("/smime-gateway/policy/status")
            .status()).as("valid token of a non-admin").isEqualTo(401);
        assertThat(anonymous.postJson("/smime-gateway/ca/crl", "{}").status()).as("anonymous POST").isEqualTo(401);
    }

    @Test
    void theConsolePageAndItsAssetsLoadWithoutAToken() {
        WebAdminClient anonymous = new WebAdminClient(james.gateway().webAdminPort());
        for (String[] asset : new String[][] {{"/smime-gateway-console", "text/html"},
            {"/smime-gateway-console/index.html", "text/html"}, {"/smime-gateway-console/console.js", "text/javascript"},
            {"/smime-gateway-console/console.css", "text/css"}}) {
            WebAdminClient.Answer answer = anonymous.get(asset[0]);
            assertThat(answer.status()).as("anonymous GET %s: %s", asset[0], answer.body()).isEqualTo(200);
            assertThat(answer.contentType()).as(asset[0]).startsWith(asset[1]);
        }
        assertThat(anonymous.get("/smime-gateway-console/admin.properties").status()).isEqualTo(404);
    }

    @Test
    void inABrowserTheConsoleAsksForATokenAndWorksWithAnAdminTokenPasted(@TempDir Path work) throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start(work, james.gateway().webAdminPort())) {
            WebDriver page = browser.open("settings");
            ConsoleBrowser.await(() -> page.findElement(By.id("error")).getText().contains("(401)"));
            assertThat(page.findElement(By.id("token-state")).getText()).startsWith("sign-in needed");
            assertThat(page.switchTo().activeElement().getDomAttribute("id")).as("the sign-in field has the focus")
                .isEqualTo("token");
            assertThat(page.findElement(By.id("policy-status")).getText()).isEmpty();

            page.findElement(By.id("token")).sendKeys(token(STRANGER_KEYS.getPrivate(), true));
            page.findElement(By.cssSelector("#token-form button[type=submit]")).click();
            ConsoleBrowser.await(() -> page.findElement(By.id("token-state")).getText()
                .contains("WebAdmin refused this token"));

            String admin = token(JWT_KEYS.getPrivate(), true);
            page.findElement(By.id("token")).sendKeys(admin);
            page.findElement(By.cssSelector("#token-form button[type=submit]")).click();
            ConsoleBrowser.await(() -> page.findElement(By.id("policy-status")).getText().contains("smime-policy.xml"));
            assertThat(page.findElement(By.id("error")).getText()).isEmpty();
            assertThat(page.findElement(By.id("token-state")).getText()).isEqualTo("token in use (this tab only)");
            assertThat(page.getCurrentUrl()).doesNotContain(admin.substring(0, 20));
            assertThat(page.findElement(By.id("token")).getDomProperty("value")).as("field emptied").isEmpty();
        }
    }

    @Test
    void theAuditLogAndPasswordChannelRoutesNeedAnAdminTokenToo() {
        WebAdminClient anonymous = new WebAdminClient(james.gateway().webAdminPort());
        assertThat(anonymous.get("/smime-gateway/audit").status()).as("anonymous audit").isEqualTo(401);
        assertThat(anonymous.get("/smime-gateway/channels").status()).as("anonymous channels").isEqualTo(401);
        assertThat(anonymous.postJson("/smime-gateway/channels/file/test", "{\"address\":\"a@b.test\"}").status())
            .as("anonymous test send").isEqualTo(401);
        WebAdminClient admin = anonymous.withToken(token(JWT_KEYS.getPrivate(), true));
        assertThat(admin.get("/smime-gateway/audit").status()).isEqualTo(200);
        assertThat(admin.get("/smime-gateway/channels").status()).isEqualTo(200);
    }

    @Test
    void anAdminTokenSignedByTheConfiguredKeyIsLetThrough() {
        WebAdminClient admin = new WebAdminClient(james.gateway().webAdminPort())
            .withToken(token(JWT_KEYS.getPrivate(), true));
        WebAdminClient.Answer status = admin.get("/smime-gateway/policy/status");
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        assertThat(status.body()).contains("smime-policy.xml");
    }

    /** An RS256 JWT as James's JwtTokenVerifier reads it: subject = login, claim admin. */
    private static String token(PrivateKey key, boolean admin) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = Instant.now().getEpochSecond();
        String payload = url.encodeToString(("{\"sub\":\"admin@gateway.test\",\"admin\":" + admin + ",\"iat\":" + now
            + ",\"exp\":" + (now + 3600) + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + url.encodeToString(signature.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
