package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.ConsoleBrowser.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.smimegateway.it.harness.ConsoleBrowser;
import org.smimegateway.it.harness.ConsoleBrowserExtension;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.WebAdminClient;

/**
 * The console's Logs and Password channels views in a real headless Chromium against a real James 3.8.1 with the
 * drop-in jar and the {@code gateway} sample: a mail Alice sends to Carol is signed and encrypted, and searching its
 * Message-ID in the Logs view shows exactly those decisions; a test send over the file channel puts a marked notice
 * (no password) into the channel's file, shows the outcome, and is itself found in the Logs view.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleLogsAndChannelsBrowserIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path root;
    private static String marker;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(ConsoleLogsAndChannelsBrowserIT::provision);

    private static void provision(Path jamesRoot) throws Exception {
        ConsoleBrowser.require();
        root = jamesRoot;
        Files.writeString(root.resolve("conf/smime-gateway/ca.password"), "a long CA passphrase\n");
    }

    @RegisterExtension
    static ConsoleBrowserExtension browsers = new ConsoleBrowserExtension(james);

    private static ConsoleBrowser browser() throws Exception {
        return browsers.get();
    }

    @Test
    @Order(1)
    void theLogsViewFindsTheSignedAndEncryptedDecisionsOfAMailByItsMessageId() throws Exception {
        // Alice's key kept by the gateway, Carol's certificate filed: Alice's next mail to Carol is signed and encrypted.
        WebAdminClient webAdmin = new WebAdminClient(james.gateway().webAdminPort());
        assertThat(webAdmin.postJson("/smime-gateway/ca", "{\"organization\":\"Logs IT\"}").status()).isEqualTo(201);
        assertThat(webAdmin.postJson("/smime-gateway/ca/issue", "{\"address\":\"" + ALICE + "\",\"kind\":\"internal\"}")
            .status()).isEqualTo(201);
        assertThat(webAdmin.postJson("/smime-gateway/ca/issue", "{\"address\":\"" + CAROL + "\",\"kind\":\"external\"}")
            .status()).isEqualTo(201);
        String messageId = "<logs-" + System.nanoTime() + "@gateway.test>";
        byte[] message = ("From: " + ALICE + "\r\nTo: " + CAROL + "\r\nSubject: quarterly figures\r\nMessage-ID: "
            + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Confidential figures.\r\n").getBytes(StandardCharsets.US_ASCII);
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), message);
        Awaitility.await().atMost(WAIT).until(() -> james.gateway().outgoing().stream()
            .anyMatch(m -> new String(m.message(), StandardCharsets.ISO_8859_1).contains(messageId)));

        WebDriver page = browser().open("logs");
        WebElement text = await(() -> page.findElement(By.id("logs-text")));
        text.sendKeys(messageId, Keys.ENTER);
        WebElement encrypted = await(() -> page.findElement(By.cssSelector("#logs-table tr[data-event='mail.encrypted']")));
        WebElement signed = page.findElement(By.cssSelector("#logs-table tr[data-event='mail.signed']"));
        List<WebElement> rows = page.findElements(By.cssSelector("#logs-table tbody tr"));
        assertThat(rows).extracting(r -> r.getDomAttribute("data-event"))
            .as("only this mail's decisions, newest first").containsExactly("mail.encrypted", "mail.signed");
        assertThat(signed.findElement(By.cssSelector("[data-field=messageId]")).getText())
            .isEqualTo("messageId=" + messageId);
        assertThat(signed.getText()).contains("SmimeSign").contains("signer=" + ALICE).contains("recipients=" + CAROL)
            .doesNotContain("quarterly figures");
        assertThat(encrypted.getText()).contains("SmimeEncrypt").contains("recipients=" + CAROL);
        assertThat(page.findElement(By.id("logs-summary")).getText()).startsWith("2 event(s) shown");
        assertThat(page.findElement(By.id("error")).getText()).isEmpty();

        // The event filter narrows the same search to the signature alone.
        WebElement event = page.findElement(By.id("logs-event"));
        event.sendKeys("mail.signed", Keys.ENTER);
        await(() -> page.findElements(By.cssSelector("#logs-table tbody tr")).size() == 1);
        assertThat(page.findElement(By.cssSelector("#logs-table tbody tr")).getDomAttribute("data-event"))
            .isEqualTo("mail.signed");
    }

    @Test
    @Order(2)
    void aTestSendOverTheFileChannelReachesItsFileAndShowsTheOutcome() throws Exception {
        Path file = root.resolve("conf/smime-gateway/store/ca/passwords.tsv");
        WebDriver page = browser().open("channels");
        WebElement row = await(() -> page.findElement(By.cssSelector("#channels-table tr[data-channel=file]")));
        assertThat(row.getText()).contains("file " + file);

        page.findElement(By.id("channel-address")).sendKeys(CAROL);
        page.findElement(By.id("channel-phone")).sendKeys("+49 170 0000001");
        page.findElement(By.cssSelector("#channel-test button[type=submit]")).click();
        WebElement outcome = await(() -> page.findElement(By.id("channel-outcome")));

        assertThat(outcome.getDomAttribute("data-delivered")).isEqualTo("true");
        marker = outcome.getDomAttribute("data-marker");
        assertThat(marker).matches("test-notice-[0-9a-f]{8}");
        assertThat(outcome.getText()).contains("file " + file).contains(marker);
        assertThat(page.findElement(By.id("status")).getText()).contains(marker);
        assertThat(Files.readAllLines(file)).contains(CAROL + "\t+49 170 0000001\t" + marker);
    }

    @Test
    @Order(3)
    void theTestSendIsFoundInTheLogsView() throws Exception {
        WebDriver page = browser().open("logs");
        await(() -> page.findElement(By.id("logs-text"))).sendKeys(marker, Keys.ENTER);
        WebElement row = await(() -> page.findElement(By.cssSelector("#logs-table tr[data-event='channel.test']")));
        assertThat(row.getText()).contains("webadmin").contains("outcome=delivered").contains("address=" + CAROL);
    }
}
