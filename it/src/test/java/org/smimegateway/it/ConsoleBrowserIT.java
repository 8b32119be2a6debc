package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.ConsoleBrowser.await;
import static org.smimegateway.it.harness.ConsoleBrowser.displayed;
import static org.smimegateway.it.harness.ConsoleBrowser.flat;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import javax.mail.BodyPart;
import javax.mail.Multipart;
import javax.mail.Part;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.smimegateway.it.harness.ConsoleBrowser;
import org.smimegateway.it.harness.ConsoleBrowserExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.harness.Pkcs12Mail;
import org.smimegateway.it.harness.WebAdminClient;

/**
 * The web console in a real headless Chromium (Debian {@code chromium} through {@code /usr/bin/chromedriver}) against
 * a real James 3.8.1 with the drop-in jar and the {@code gateway} sample, driven only through the page: the CA is
 * created, an external user's certificate is issued (its PKCS#12 mail leaves James by the spool and opens with the
 * password the file channel got), the Certificates view shows it usable, it is revoked with a reason and the
 * Certificates view then shows the gateway refusing it; an error of a route (revoking twice) is shown to the user;
 * a mail quarantined for a mandatory domain is opened with its decision trace and deleted in the Queues view; the
 * Settings view explains why that domain is mandatory; after the revocation the next mail to that user is not
 * encrypted to the revoked certificate (mandatory for that mail: quarantined; otherwise: sent unencrypted). Only the CA
 * password file is added to the sample.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String FRANK = "frank@mandatory.test";
    private static final String QUARANTINE = "memory://var/mail/quarantine/";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path root;
    private static String carolSerial;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(ConsoleBrowserIT::provision);

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
    void theConsoleIsServedFromTheJarWithItsOwnAssetsOnly() {
        WebAdminClient webAdmin = new WebAdminClient(james.gateway().webAdminPort());
        WebAdminClient.Answer page = webAdmin.get("/smime-gateway-console");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<script src=\"/smime-gateway-console/console.js\" defer>")
            .doesNotContain("http://", "https://");
        assertThat(webAdmin.get("/smime-gateway-console/console.js").contentType()).startsWith("text/javascript");
        assertThat(webAdmin.get("/smime-gateway-console/console.css").contentType()).startsWith("text/css");
        WebAdminClient.Answer unknown = webAdmin.get("/smime-gateway-console/..%2Fadmin.properties");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"message\"");
    }

    @Test
    @Order(2)
    void anOperatorCreatesTheCaAndIssuesAnExternalUsersCertificate() throws Exception {
        WebDriver page = browser().open("ca");
        WebElement exists = await(() -> page.findElement(By.id("ca-exists")));
        assertThat(exists.getDomAttribute("data-exists")).isEqualTo("false");

        page.findElement(By.id("ca-org")).sendKeys("Console IT");
        page.findElement(By.id("ca-root-cn")).sendKeys("Console IT Root");
        page.findElement(By.id("ca-int-cn")).sendKeys("Console IT Issuing");
        browser().choose("ca-key", "ec_p256");
        page.findElement(By.cssSelector("#ca-create button[type=submit]")).click();
        await(() -> "CA created.".equals(page.findElement(By.id("status")).getText()));
        assertThat(page.findElement(By.id("ca-exists")).getDomAttribute("data-exists")).isEqualTo("true");
        assertThat(page.findElement(By.id("ca-status")).getText()).contains("CN=Console IT Issuing,O=Console IT");
        assertThat(page.findElement(By.id("ca-create")).isDisplayed()).isFalse();

        page.findElement(By.id("issue-address")).sendKeys(CAROL);
        browser().choose("issue-kind", "external");
        page.findElement(By.id("issue-phone")).sendKeys("+49 170 0000000");
        page.findElement(By.cssSelector("#ca-issue button[type=submit]")).click();
        WebElement outcome = await(() -> page.findElement(By.id("issue-outcome")));
        assertThat(outcome.getDomAttribute("data-succeeded")).isEqualTo("true");
        assertThat(outcome.getText()).contains("accepted by James for delivery")
            .contains("delivered over file " + root.resolve("conf/smime-gateway/store/ca/passwords.tsv"));
        carolSerial = outcome.getDomAttribute("data-serial");
        assertThat(carolSerial).matches("[0-9a-f]+");
        assertThat(page.findElement(By.id("error")).getText()).isEmpty();

        // What the console reported went out did go out: the PKCS#12 mail left James, the password reached the file.
        String password = Pkcs12Mail.passwordOf(root.resolve("conf/smime-gateway/store/ca"), CAROL);
        assertThat(page.getPageSource()).doesNotContain(password);
        RepositoryMail mail = Awaitility.await().atMost(WAIT).until(() -> james.gateway().outgoing().stream()
            .filter(m -> m.recipients().contains(CAROL))
            .filter(m -> headersOf(m.message()).contains("Subject: Your S/MIME certificate")).toList(),
            l -> !l.isEmpty()).get(0);
        assertThat(mail.sender()).isEqualTo("certificates@gateway.test");
        KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
        pkcs12.load(new ByteArrayInputStream(Pkcs12Mail.attachment(mail.message(), ".p12")), password.toCharArray());
        X509Certificate certificate = (X509Certificate) pkcs12.getCertificate(
            Collections.list(pkcs12.aliases()).get(0));
        assertThat(certificate.getSerialNumber().toString(16)).isEqualTo(carolSerial);
    }

    @Test
    @Order(3)
    void theCertificatesViewShowsTheNewCertificateUsable() throws Exception {
        WebElement row = searchCertificates(CAROL);
        assertThat(row.findElement(By.cssSelector("td.verdict")).getText()).isEqualTo("usable");
        assertThat(row.getText()).contains("CN=Console IT Issuing,O=Console IT").contains("file");
    }

    @Test
    @Order(4)
    void aRevocationWithAReasonMakesTheCertificatesViewShowItRefused() throws Exception {
        WebDriver page = browser().open("ca");
        await(() -> page.findElement(By.id("ca-exists")));
        page.findElement(By.id("revoke-serial")).sendKeys(carolSerial);
        browser().choose("revoke-reason", "key_compromise");
        page.findElement(By.cssSelector("#ca-revoke button[type=submit]")).click();
        assertThat(browser().confirm()).contains(carolSerial).contains("key_compromise");
        WebElement revoked = await(() -> page.findElement(By.id("revoked-list")));
        assertThat(revoked.getText()).contains(carolSerial);
        assertThat(flat(page.findElement(By.id("revoke-result")))).contains("Revoked entries 1");
        await(() -> flat(page.findElement(By.id("ca-status"))).contains("Revoked certificates 1"));

        WebElement row = searchCertificates(CAROL);
        assertThat(row.findElement(By.cssSelector("td.verdict")).getText()).startsWith("refused: ")
            .containsIgnoringCase("revoked");
        row.findElement(By.xpath(".//button[text()='Details']")).click();
        WebElement detail = await(() -> page.findElement(By.cssSelector("#cert-detail dl[data-verdict]")));
        assertThat(detail.getDomAttribute("data-verdict")).isEqualTo("revoked");
        assertThat(page.switchTo().activeElement().getText()).isEqualTo("Certificate detail");
    }

    @Test
    @Order(5)
    void anErrorOfARouteIsShownToTheOperator() throws Exception {
        WebDriver page = browser().open("ca");
        await(() -> page.findElement(By.id("ca-exists")));
        page.findElement(By.id("revoke-serial")).sendKeys(carolSerial);
        page.findElement(By.cssSelector("#ca-revoke button[type=submit]")).click();
        browser().confirm();
        WebElement error = page.findElement(By.id("error"));
        await(() -> !error.getText().isEmpty());
        assertThat(error.getDomAttribute("role")).isEqualTo("alert");
        assertThat(error.getText()).contains("409").contains(carolSerial).containsIgnoringCase("already revoked");
    }

    @Test
    @Order(6)
    void aQuarantinedMailIsOpenedWithItsDecisionTraceAndDeletedInTheQueuesView() throws Exception {
        byte[] message = ("From: " + ALICE + "\r\nTo: " + FRANK + "\r\nSubject: for the quarantine\r\nMessage-ID: <"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "No certificate for frank.\r\n").getBytes(StandardCharsets.US_ASCII);
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(FRANK), message);
        Awaitility.await().atMost(WAIT).until(() -> james.gateway().repository(QUARANTINE).stream()
            .anyMatch(m -> headersOf(m.message()).contains("Subject: for the quarantine")));

        WebDriver page = browser().open("queues");
        await(() -> page.findElement(By.xpath("//button[starts-with(text(),'quarantine (1)')]"))).click();
        WebElement row = await(() -> page.findElement(
            By.xpath("//table[@id='mail-table']//tr[td[1]='for the quarantine']")));
        assertThat(row.getText()).contains(ALICE).contains(FRANK);
        row.findElement(By.xpath(".//button[text()='Open']")).click();
        WebElement detail = await(() -> displayed(page.findElement(By.id("mail-detail"))));
        assertThat(detail.findElement(By.cssSelector(".headers")).getText()).contains("Subject: for the quarantine");
        assertThat(detail.findElement(By.cssSelector(".trace")).getText()).contains(FRANK);

        page.findElement(By.xpath("//table[@id='mail-table']//tr[td[1]='for the quarantine']//button[text()='Delete']"))
            .click();
        browser().confirm();
        await(() -> page.findElement(By.id("status")).getText().equals("Deleted: for the quarantine"));
        assertThat(page.findElements(By.xpath("//table[@id='mail-table']//tr[td[1]='for the quarantine']"))).isEmpty();
        assertThat(james.gateway().repository(QUARANTINE))
            .noneMatch(m -> headersOf(m.message()).contains("Subject: for the quarantine"));
    }

    @Test
    @Order(7)
    void theRootsAndCrlsViewsShowTheCasRootAndItsFreshCrlWithTheRevocation() throws Exception {
        WebDriver page = browser().open("roots");
        WebElement anchors = page.findElement(By.id("anchors-table"));
        await(() -> anchors.getText().contains("CN=Console IT Root,O=Console IT"));
        assertThat(page.findElement(By.id("intermediates-table")).getText()).doesNotContain("CN=Console IT Root");

        browser().open("crls");
        WebElement crl = await(() -> page.findElement(
            By.cssSelector("#crls-table tr[data-issuer='CN=Console IT Issuing,O=Console IT']")));
        List<WebElement> cells = crl.findElements(By.tagName("td"));
        assertThat(cells.get(3).getText()).isEqualTo("1");
        assertThat(cells.get(4).getText()).isEqualTo("yes");
        assertThat(cells.get(5).getText()).isEqualTo("yes");
        assertThat(page.findElement(By.id("error")).getText()).isEmpty();
    }

    @Test
    @Order(8)
    void theSettingsViewExplainsWhyADomainIsMandatory() throws Exception {
        WebDriver page = browser().open("settings");
        await(() -> page.findElement(By.id("policy-status")).getText().contains("current"));
        WebElement address = page.findElement(By.id("effective-address"));
        address.sendKeys(FRANK, Keys.ENTER);
        WebElement encrypt = await(() -> page.findElement(By.cssSelector("#effective-table tr[data-setting=encrypt]")));
        List<WebElement> cells = encrypt.findElements(By.tagName("td"));
        assertThat(cells.get(0).getText()).isEqualTo("mandatory");
        assertThat(cells.get(1).getText()).isEqualTo("domain mandatory.test");
        assertThat(cells.get(2).getText()).contains("domain mandatory.test: mandatory").contains("built_in");

        page.findElement(By.id("validate-text")).sendKeys("<policy><global>");
        page.findElement(By.cssSelector("#validate-form button[type=submit]")).click();
        assertThat(await(() -> page.findElement(By.cssSelector("#validate-result p.bad"))).getText())
            .startsWith("Not valid");

        // The screenshot the README points to: the Certificates view with the revoked certificate refused.
        searchCertificates(CAROL);
        Path screenshot = Path.of("target", "console-screenshot.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser().driver().getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isGreaterThan(1000);
    }

    @Test
    @Order(9)
    void afterTheRevocationTheGatewayNoLongerEncryptsToTheRevokedCertificate() throws Exception {
        // The policy makes "[encrypt]" in the subject mandatory for that mail: with Carol's only certificate revoked
        // it cannot be encrypted, so it must be quarantined, never sent.
        String mandatoryId = "<" + System.nanoTime() + ".mandatory@test>";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), plainMail(CAROL, "[encrypt] after the revocation",
            mandatoryId, "Must not leave without encryption."));
        // Without the trigger the gateway's opportunistic default sends it without encryption: not to the revoked key.
        String plainId = "<" + System.nanoTime() + ".plain@test>";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), plainMail(CAROL, "plain after the revocation",
            plainId, "May leave unencrypted."));

        RepositoryMail quarantined = Awaitility.await().atMost(WAIT).until(() -> james.gateway().repository(QUARANTINE)
            .stream().filter(m -> headersOf(m.message()).contains("Message-ID: " + mandatoryId)).toList(),
            l -> !l.isEmpty()).get(0);
        assertThat(quarantined.recipients()).containsExactly(CAROL);
        RepositoryMail sent = Awaitility.await().atMost(WAIT).until(() -> james.gateway().outgoing().stream()
            .filter(m -> headersOf(m.message()).contains("Message-ID: " + plainId)).toList(), l -> !l.isEmpty()).get(0);
        String sentHeaders = headersOf(sent.message());
        // Alice has no signing key in this gateway, so it leaves as it came: not encrypted to the revoked key.
        assertThat(sentHeaders).containsIgnoringCase("Content-Type: text/plain")
            .doesNotContainIgnoringCase("pkcs7-mime").doesNotContainIgnoringCase("enveloped-data");
        assertThat(new String(sent.message(), StandardCharsets.ISO_8859_1)).contains("May leave unencrypted.");
        assertThat(james.gateway().outgoing()).noneMatch(m -> headersOf(m.message()).contains(mandatoryId));

        // The operator sees it in the Queues view and why; the CRLs view has the revocation in a fresh CRL.
        WebDriver page = browser().open("queues");
        await(() -> page.findElement(By.xpath("//button[starts-with(text(),'quarantine (1)')]"))).click();
        WebElement row = await(() -> page.findElement(
            By.xpath("//table[@id='mail-table']//tr[contains(td[1],'after the revocation')]")));
        assertThat(row.getText()).contains(ALICE).contains(CAROL);
        browser().open("crls");
        WebElement crl = await(() -> page.findElement(
            By.cssSelector("#crls-table tr[data-issuer='CN=Console IT Issuing,O=Console IT']")));
        assertThat(crl.findElements(By.tagName("td")).get(3).getText()).isEqualTo("1");
        assertThat(crl.findElements(By.tagName("td")).get(4).getText()).isEqualTo("yes");
    }

    private static byte[] plainMail(String to, String subject, String messageId, String body) {
        return ("From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
            + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    }

    /** Searches the address with the keyboard only (type, Enter) and answers the row of Carol's certificate. */
    private static WebElement searchCertificates(String address) throws Exception {
        WebDriver page = browser().open("certificates");
        WebElement field = await(() -> page.findElement(By.id("cert-address")));
        field.sendKeys(address, Keys.ENTER);
        return await(() -> page.findElement(By.cssSelector("#cert-table tr[data-serial='" + carolSerial + "']")));
    }

}
