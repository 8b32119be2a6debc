package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.ConsoleBrowser.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

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

/**
 * The console's Settings view edits the live policy of a real James with the drop-in jar (the {@code gateway}
 * sample): a broken edit is refused with the parser's message and changes nothing; a valid one that makes a partner
 * domain mandatory is applied after confirmation (the old file kept as a backup), the effective settings then name
 * the new domain rule, and the very next mail to that domain without a certificate is quarantined, where the Queues
 * view shows it. Then the rule form does the same for another domain without touching the rest of the file, and
 * deleting that rule in the rules table lets the next mail to it leave.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsolePolicyBrowserIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String DORA = "dora@partner.test";
    private static final String ERIN_DOMAIN = "form.test";
    private static final String ERIN = "erin@" + ERIN_DOMAIN;
    private static final String PARTNER_RULE = "    <domain name=\"partner.test\">\n"
        + "        <encrypt>mandatory</encrypt>\n"
        + "    </domain>\n";

    private static Path root;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(jamesRoot -> {
            ConsoleBrowser.require();
            root = jamesRoot;
        });

    @RegisterExtension
    static ConsoleBrowserExtension browsers = new ConsoleBrowserExtension(james);

    private static ConsoleBrowser browser() throws Exception {
        return browsers.get();
    }

    private static Path policyFile() {
        return root.resolve("conf/smime-policy.xml");
    }

    @Test
    @Order(1)
    void beforeTheEditThePartnerDomainGetsTheGlobalSetting() throws Exception {
        assertThat(encryptFor(DORA)).containsExactly("allow", "global");
    }

    @Test
    @Order(2)
    void aBrokenEditIsRefusedWithTheParsersMessageAndChangesNothing() throws Exception {
        String before = Files.readString(policyFile());
        WebDriver page = editor(before.replace("</policy>", "<domain name=\"partner.test\">\n</policy>"));
        page.findElement(By.id("policy-apply")).click();
        WebElement error = page.findElement(By.id("error"));
        await(() -> !error.getText().isEmpty());
        assertThat(error.getText()).contains("not valid and was not applied");
        assertThat(page.findElement(By.cssSelector("#validate-result p.bad")).getText()).startsWith("Not valid (line ");
        assertThat(Files.readString(policyFile())).isEqualTo(before);
        assertThat(encryptFor(DORA)).containsExactly("allow", "global");
    }

    @Test
    @Order(3)
    void aValidEditMakesThePartnerMandatoryAndItsNextMailIsQuarantined() throws Exception {
        String before = Files.readString(policyFile());
        String edited = before.replace("</policy>", PARTNER_RULE + "</policy>");
        WebDriver page = editor(edited);
        page.findElement(By.id("policy-apply")).click();
        assertThat(browser().confirm()).contains("Apply this policy now?");
        WebElement applied = await(() -> page.findElement(By.id("policy-applied")));
        assertThat(applied.getText()).contains("smime-policy.xml.").endsWith(".bak.");
        assertThat(Files.readString(policyFile())).isEqualTo(edited);
        try (Stream<Path> files = Files.list(policyFile().getParent())) {
            Path backup = files.filter(f -> f.getFileName().toString().startsWith("smime-policy.xml.")
                && f.getFileName().toString().endsWith(".bak")).findFirst().orElseThrow();
            assertThat(Files.readString(backup)).isEqualTo(before);
        }
        assertThat(encryptFor(DORA)).containsExactly("mandatory", "domain partner.test");

        byte[] message = ("From: " + ALICE + "\r\nTo: " + DORA + "\r\nSubject: after the edit\r\nMessage-ID: <"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Dora has no certificate.\r\n").getBytes(StandardCharsets.US_ASCII);
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(DORA), message);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway()
            .repository("memory://var/mail/quarantine/").stream()
            .anyMatch(m -> m.recipients().contains(DORA)));
        assertThat(james.gateway().outgoing()).noneMatch(m -> m.recipients().contains(DORA));

        WebDriver queues = browser().open("queues");
        await(() -> queues.findElement(By.xpath("//button[starts-with(text(),'quarantine (1)')]"))).click();
        WebElement row = await(() -> queues.findElement(
            By.xpath("//table[@id='mail-table']//tr[td[1]='after the edit']")));
        assertThat(row.getText()).contains(DORA);
    }

    @Test
    @Order(4)
    void theRuleFormMakesADomainMandatoryKeepingTheRestOfTheFileAndItsNextMailIsQuarantined() throws Exception {
        String before = Files.readString(policyFile());
        WebDriver page = browser().open("settings");
        await(() -> page.findElement(By.cssSelector("#rules-table tr[data-level=domain][data-name='partner.test']")));
        browser().choose("rule-level", "domains");
        page.findElement(By.id("rule-name")).sendKeys(ERIN_DOMAIN);
        browser().choose("rule-encrypt", "mandatory");
        browser().choose("rule-contentEncryption", "AES256_GCM");
        page.findElement(By.id("rule-save")).click();

        WebElement saved = await(() -> page.findElement(By.id("rule-saved")));
        assertThat(saved.getText()).startsWith("Saved the domain " + ERIN_DOMAIN + " rule").endsWith(".bak.");
        WebElement row = await(() -> page.findElement(
            By.cssSelector("#rules-table tr[data-level=domain][data-name='" + ERIN_DOMAIN + "']")));
        assertThat(ConsoleBrowser.flat(row)).contains("encrypt = mandatory", "contentEncryption = AES256_GCM");
        String after = Files.readString(policyFile());
        assertThat(after).isEqualTo(before.replace(PARTNER_RULE, PARTNER_RULE + "    <domain name=\"" + ERIN_DOMAIN
            + "\">\n        <encrypt>mandatory</encrypt>\n        <contentEncryption>AES256_GCM</contentEncryption>\n"
            + "    </domain>\n"));
        assertThat(encryptFor(ERIN)).containsExactly("mandatory", "domain " + ERIN_DOMAIN);

        send(ERIN, "set by the form");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway()
            .repository("memory://var/mail/quarantine/").stream()
            .anyMatch(m -> m.recipients().contains(ERIN)));
        assertThat(james.gateway().outgoing()).noneMatch(m -> m.recipients().contains(ERIN));
        WebDriver queues = browser().open("queues");
        await(() -> queues.findElement(By.xpath("//button[starts-with(text(),'quarantine (2)')]"))).click();
        await(() -> queues.findElement(By.xpath("//table[@id='mail-table']//tr[td[1]='set by the form']")));
    }

    @Test
    @Order(5)
    void deletingTheRuleInTheTableLetsTheNextMailLeave() throws Exception {
        WebDriver page = browser().open("settings");
        WebElement delete = await(() -> page.findElement(By.cssSelector(
            "#rules-table tr[data-level=domain][data-name='" + ERIN_DOMAIN + "'] button[aria-label^='Delete']")));
        delete.sendKeys(Keys.ENTER);
        assertThat(browser().confirm()).startsWith("Delete the domain " + ERIN_DOMAIN + " rule?");
        await(() -> page.findElement(By.id("rule-saved")).getText().startsWith("Deleted the domain " + ERIN_DOMAIN));
        assertThat(page.findElements(By.cssSelector("#rules-table tr[data-name='" + ERIN_DOMAIN + "']"))).isEmpty();
        assertThat(Files.readString(policyFile())).doesNotContain(ERIN_DOMAIN).contains(PARTNER_RULE);
        assertThat(encryptFor(ERIN)).containsExactly("allow", "global");

        send(ERIN, "after the rule is gone");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing().stream()
            .anyMatch(m -> m.recipients().contains(ERIN)));
        assertThat(james.gateway().repository("memory://var/mail/quarantine/"))
            .filteredOn(m -> m.recipients().contains(ERIN)).hasSize(1);
    }

    private static void send(String to, String subject) throws Exception {
        byte[] message = ("From: " + ALICE + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
            + System.nanoTime() + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "No certificate here.\r\n").getBytes(StandardCharsets.US_ASCII);
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(to), message);
    }

    /** The Settings view's editor loaded with the current file, then its text replaced by {@code text}. */
    private static WebDriver editor(String text) throws Exception {
        WebDriver page = browser().open("settings");
        await(() -> page.findElement(By.id("policy-status")).getText().contains("current"));
        page.findElement(By.id("policy-load")).click();
        WebElement area = page.findElement(By.id("validate-text"));
        await(() -> area.getDomProperty("value").equals(Files.readString(policyFile())));
        area.clear();
        area.sendKeys(text);
        assertThat(area.getDomProperty("value")).isEqualTo(text);
        return page;
    }

    /** Value and source of {@code encrypt} for the address, as the Settings view shows them (keyboard only). */
    private static List<String> encryptFor(String address) throws Exception {
        WebDriver page = browser().open("settings");
        await(() -> page.findElement(By.id("policy-status")).getText().contains("current"));
        page.findElement(By.id("effective-address")).sendKeys(address, Keys.ENTER);
        WebElement encrypt = await(() -> page.findElement(By.cssSelector("#effective-table tr[data-setting=encrypt]")));
        List<WebElement> cells = encrypt.findElements(By.tagName("td"));
        return List.of(cells.get(0).getText(), cells.get(1).getText());
    }
}
