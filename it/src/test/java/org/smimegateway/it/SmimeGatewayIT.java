package org.smimegateway.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smimegateway.it.harness.MailText.headersOf;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.smimegateway.it.harness.JamesGateway.RepositoryMail;
import org.smimegateway.it.harness.JamesGatewayExtension;
import org.smimegateway.it.tools.OpenSslCms;
import org.smimegateway.it.tools.OpenSslPki;
import org.smimegateway.keystore.testing.ExternalTool;

/**
 * The S/MIME pipeline of conf-samples/gateway in a real James 3.8.1, judged by OpenSSL: what leaves is signed and
 * encrypted for OpenSSL to read, what OpenSSL sends arrives decrypted with trustworthy info headers, and the policy
 * (allow / mandatory / none, subject trigger, live edits) decides who gets what.
 */
class SmimeGatewayIT {
    private static final String PASSWORD = "secret";
    private static final String ALICE = "alice@gateway.test";
    private static final String CAROL = "carol@remote.test";
    private static final String DAVE = "dave@remote.test";
    private static final String ERIN = "erin@allow.test";
    private static final String FRANK = "frank@mandatory.test";
    private static final String GINA = "gina@none.test";
    /** mandatory.test like Frank; a separate recipient, since Frank's test asserts that nothing for him leaves. */
    private static final String JUDY = "judy@mandatory.test";
    /** branch.test is internal by the sample policy, but not one of James's domains: its mail is relayed. */
    private static final String BRANCH_BOB = "bob@branch.test";
    /** protected.test asks for RFC 9788 header protection once its test adds the rule to the policy. */
    private static final String HANK = "hank@protected.test";

    private static Path pkiDir;
    private static OpenSslPki pki;
    private static OpenSslPki.Identity alice;
    private static OpenSslPki.Identity carol;
    private static OpenSslPki.Identity dave;
    private static OpenSslPki.Identity gina;
    private static OpenSslPki.Identity judy;
    private static OpenSslPki.Identity branchBob;
    private static OpenSslPki.Identity hank;

    @RegisterExtension
    static JamesGatewayExtension james = JamesGatewayExtension.sample("gateway")
        .domain("gateway.test")
        .user(ALICE, PASSWORD)
        .beforeStart(SmimeGatewayIT::provisionKeystore);

    private static void provisionKeystore(Path root) throws Exception {
        pkiDir = Files.createDirectories(root.resolve("pki"));
        pki = OpenSslPki.create(pkiDir, "Gateway Test CA");
        alice = pki.issue(ALICE);
        carol = pki.issue(CAROL);
        dave = pki.issue(DAVE);
        gina = pki.issue(GINA);
        judy = pki.issue(JUDY); // the gateway never learns Judy's certificate
        branchBob = pki.issue(BRANCH_BOB);
        hank = pki.issue(HANK);
        Path store = root.resolve("conf/smime-gateway/store");
        Files.copy(pki.caCertificate(), store.resolve("anchors/ca.pem"));
        Files.copy(alice.pkcs12(), store.resolve("keys/alice.p12"));
        Files.writeString(store.resolve("keys/alice.p12.pass"), alice.p12Password());
        Files.copy(branchBob.pkcs12(), store.resolve("keys/branch-bob.p12"));
        Files.writeString(store.resolve("keys/branch-bob.p12.pass"), branchBob.p12Password());
        Files.copy(carol.certificate(), store.resolve("certs/carol.pem"));
        Files.copy(gina.certificate(), store.resolve("certs/gina.pem"));
        Files.copy(hank.certificate(), store.resolve("certs/hank.pem"));
    }

    private static byte[] mail(String from, String to, String subject, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + System.nanoTime()
            + "@test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + body)
            .getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] message) {
        return new String(message, StandardCharsets.ISO_8859_1);
    }


    private static RepositoryMail awaitOutgoing(String recipient) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing().stream()
            .filter(m -> m.recipients().contains(recipient)).toList(), l -> !l.isEmpty()).get(0);
    }

    private static RepositoryMail awaitOutgoingWithSubject(String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing().stream()
            .filter(m -> headersOf(m.message()).contains("Subject: " + subject + "\r\n")).toList(), l -> !l.isEmpty()).get(0);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    private static Predicate<String> enveloped() {
        return headers -> headers.contains("application/pkcs7-mime") && headers.contains("enveloped-data");
    }

    @Test
    void outgoingMailIsSignedAndEncryptedAndOpenSslDecryptsAndVerifiesIt() throws Exception {
        String body = "Quarterly figures: 42.\r\n";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(CAROL), mail(ALICE, CAROL, "figures", body));

        RepositoryMail relayed = awaitOutgoing(CAROL);

        assertThat(headersOf(relayed.message())).matches(h -> enveloped().test(h), "enveloped S/MIME")
            .contains("Subject: figures");
        OpenSslCms openssl = new OpenSslCms(pkiDir.resolve("a"));
        ExternalTool.Result decrypted = openssl.decrypt(relayed.message(), carol).assertSuccess();
        assertThat(decrypted.stdoutText()).contains("multipart/signed");
        ExternalTool.Result verified = openssl.verify(decrypted.stdout(), pki.caCertificate()).assertSuccess();
        assertThat(verified.stderr()).contains("Verification successful");
        assertThat(verified.stdoutText()).endsWith(body);
    }

    @Test
    void incomingSignedAndEncryptedMailArrivesDecryptedWithOurVerdictsOnly() throws Exception {
        OpenSslCms openssl = new OpenSslCms(pkiDir.resolve("b"));
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nMeet at noon.\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] smime = openssl.signThenEncrypt(entity, dave, alice.certificate(), ALICE, "noon");
        byte[] forged = ("X-Smime-Signer-Verified-7-7: True\r\nAuthentication-Results: gateway.test; smime=pass\r\n"
            + text(smime)).getBytes(StandardCharsets.ISO_8859_1);

        james.client().deliver(DAVE, List.of(ALICE), forged);

        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.client().inbox(ALICE, PASSWORD), inbox -> inbox.stream()
                .anyMatch(m -> headersOf(m).contains("Subject: noon"))).stream()
            .filter(m -> headersOf(m).contains("Subject: noon")).findFirst().orElseThrow();
        String headers = headersOf(received);
        assertThat(headers)
            .contains("X-Smime-Encryption-Algorithm-0: AES128_CBC")
            .contains("X-Smime-Signer-Verified-0-1: True")
            .contains("X-Smime-Signer-Trusted-0-1: True")
            .contains("X-Smime-Signer-Email-0-1: " + DAVE)
            .contains("Authentication-Results: gateway.test; smime=pass body.smime-identifier=" + DAVE)
            .doesNotContain("X-Smime-Signer-Verified-7-7")
            .doesNotContain("application/pkcs7-mime");
        assertThat(text(received)).contains("multipart/signed").contains("Meet at noon.");
    }

    @Test
    void incomingEncryptedThenSignedMailArrivesDecryptedWithTheOuterSignatureOverTheCiphertextOnly() throws Exception {
        OpenSslCms openssl = new OpenSslCms(pkiDir.resolve("g"));
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nSealed, then signed.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] smime = openssl.sign(openssl.envelope(entity, alice.certificate()), dave, ALICE, "sealed then signed");

        james.client().deliver(DAVE, List.of(ALICE), smime);

        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.client().inbox(ALICE, PASSWORD), inbox -> inbox.stream()
                .anyMatch(m -> headersOf(m).contains("Subject: sealed then signed"))).stream()
            .filter(m -> headersOf(m).contains("Subject: sealed then signed")).findFirst().orElseThrow();
        assertThat(headersOf(received))
            .contains("X-Smime-Signer-Verified-0-0: True")
            .contains("X-Smime-Signer-Trusted-0-0: False")
            .contains("X-Smime-Encryption-Algorithm-1: AES128_CBC")
            .doesNotContain("application/pkcs7-mime");
        assertThat(text(received)).contains("Sealed, then signed.");
    }

    @Test
    void verdictHeadersHiddenInsideTheCiphertextAreRemovedWhenItIsOpened() throws Exception {
        byte[] entity = ("X-Smime-Signer-Verified-0-0: True\r\nX-Smime-Signer-Trusted-0-0: True\r\n"
            + "Authentication-Results: gateway.test; smime=pass body.smime-identifier=ceo@gateway.test\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\nWire the money today.\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] smime = new OpenSslCms(pkiDir.resolve("c")).encrypt(entity, alice.certificate(), DAVE, ALICE, "smuggled");

        james.client().deliver(DAVE, List.of(ALICE), smime);

        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.client().inbox(ALICE, PASSWORD).stream()
                .filter(m -> headersOf(m).contains("Subject: smuggled")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(headersOf(received))
            .contains("X-Smime-Encryption-Algorithm-0: AES128_CBC")
            .doesNotContain("X-Smime-Signer-Verified-0-0: True")
            .doesNotContain("X-Smime-Signer-Trusted-0-0: True")
            .doesNotContain("smime=pass")
            .contains("Authentication-Results: gateway.test; smime=none");
        assertThat(text(received)).contains("Wire the money today.");
    }

    @Test
    void alteredSignedMailIsStampedNotVerified() throws Exception {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        Path entity = Files.writeString(pkiDir.resolve("tamper.txt"), "Content-Type: text/plain\r\n\r\nPay 100 EUR.\r\n");
        byte[] signed = openssl.run(pkiDir, null, "cms", "-sign", "-in", entity.toString(), "-signer",
            dave.certificate().toString(), "-inkey", dave.privateKey().toString(), "-from", DAVE, "-to", ALICE,
            "-subject", "invoice").assertSuccess().stdout();
        byte[] tampered = text(signed).replace("Pay 100 EUR.", "Pay 900 EUR.").getBytes(StandardCharsets.ISO_8859_1);

        james.client().deliver(DAVE, List.of(ALICE), tampered);

        byte[] received = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.client().inbox(ALICE, PASSWORD).stream()
                .filter(m -> headersOf(m).contains("Subject: invoice")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(headersOf(received))
            .contains("X-Smime-Signer-Verified-0-0: False")
            .contains("X-Smime-Signer-Trusted-0-0: False")
            .contains("Authentication-Results: gateway.test; smime=fail");
    }

    @Test
    void externalRecipientWithoutCertificateUnderAllowGetsPlaintext() throws Exception {
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(ERIN), mail(ALICE, ERIN, "no cert", "Plain is fine.\r\n"));

        RepositoryMail relayed = awaitOutgoing(ERIN);

        assertThat(headersOf(relayed.message())).doesNotContain("application/pkcs7-mime").contains("multipart/signed");
        assertThat(text(relayed.message())).contains("Plain is fine.");
    }

    @Test
    void mandatoryRecipientWithoutCertificateIsQuarantinedAndBouncedNeverRelayed() throws Exception {
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(FRANK), mail(ALICE, FRANK, "secret plan", "Top secret.\r\n"));

        RepositoryMail quarantined = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway()
            .repository("memory://var/mail/quarantine/").stream()
            .filter(m -> headersOf(m.message()).contains("Subject: secret plan")).toList(), l -> !l.isEmpty()).get(0);
        // The operator looking into the quarantine sees why: the rule that made it mandatory, and the missing certificate.
        assertThat(quarantined.trace())
            .anyMatch(l -> l.startsWith("RecipientEncryptMode=mandatory;policy=conf/smime-policy.xml " + FRANK
                + ": matched, encrypt=mandatory (domain mandatory.test)"))
            .anyMatch(l -> l.startsWith("RecipientHasEncryptionCertificate=keystore=default " + FRANK
                + ": not matched, no "));
        byte[] bounce = Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> james.client().inbox(ALICE, PASSWORD).stream()
                .filter(m -> text(m).contains("requires encryption") && text(m).contains("secret plan")).toList(),
                l -> !l.isEmpty()).get(0);
        assertThat(text(bounce)).contains(FRANK);
        assertThat(james.gateway().outgoing()).noneMatch(m -> m.recipients().contains(FRANK));
    }

    @Test
    void mailAlreadySignedByTheSendersClientIsNotSignedASecondTime() throws Exception {
        OpenSslCms openssl = new OpenSslCms(pkiDir.resolve("e"));
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nSigned by my own client.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        String ivan = "ivan@allow.test"; // not Erin: awaitOutgoing(ERIN) elsewhere takes the first mail for her
        byte[] signed = openssl.sign(entity, alice, ivan, "client signed");

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(ivan), signed);

        RepositoryMail relayed = awaitOutgoingWithSubject("client signed");
        // The policy signs Alice's mail (sign=always); the gateway would have wrapped her signature in its own.
        assertThat(occurrences(text(relayed.message()), "multipart/signed")).isEqualTo(1);
        ExternalTool.Result verified = openssl.verify(relayed.message(), pki.caCertificate()).assertSuccess();
        assertThat(verified.stdoutText()).contains("Signed by my own client.").doesNotContain("multipart/signed");
    }

    @Test
    void mailTheSendersClientEncryptedLeavesAsItIsEvenForAMandatoryDomainWithoutACertificateHere() throws Exception {
        OpenSslCms openssl = new OpenSslCms(pkiDir.resolve("f"));
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nEncrypted by my own client.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] smime = openssl.encrypt(entity, judy.certificate(), ALICE, JUDY, "client encrypted");

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(JUDY), smime);

        RepositoryMail relayed = awaitOutgoingWithSubject("client encrypted");
        // Neither signed over the ciphertext nor encrypted a second time: Judy's own key opens it to the plaintext.
        assertThat(headersOf(relayed.message())).matches(h -> enveloped().test(h), "enveloped S/MIME")
            .doesNotContain("multipart/signed");
        ExternalTool.Result decrypted = openssl.decrypt(relayed.message(), judy).assertSuccess();
        assertThat(decrypted.stdoutText()).contains("Encrypted by my own client.").doesNotContain("pkcs7");
        assertThat(james.gateway().repository("memory://var/mail/quarantine/"))
            .noneMatch(m -> headersOf(m.message()).contains("Subject: client encrypted"));
    }

    @Test
    void plaintextThatOnlyClaimsToBeEncryptedIsQuarantinedForAMandatoryDomainNeverRelayed() throws Exception {
        String kate = "kate@mandatory.test";
        byte[] labelled = ("From: " + ALICE + "\r\nTo: " + kate + "\r\nSubject: only labelled\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=smime.p7m\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n\r\nThe merger closes on Friday.\r\n").getBytes(StandardCharsets.US_ASCII);

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(kate), labelled);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway()
            .repository("memory://var/mail/quarantine/").stream()
            .anyMatch(m -> headersOf(m.message()).contains("Subject: only labelled")));
        assertThat(james.gateway().outgoing()).noneMatch(m -> m.recipients().contains(kate));
    }

    @Test
    void mailForADomainThePolicyDeclaresInternalIsDecryptedThoughJamesDoesNotHostIt() throws Exception {
        OpenSslCms openssl = new OpenSslCms(pkiDir.resolve("g"));
        byte[] entity = "Content-Type: text/plain; charset=us-ascii\r\n\r\nFor the branch office.\r\n"
            .getBytes(StandardCharsets.US_ASCII);
        byte[] smime = openssl.encrypt(entity, branchBob.certificate(), ALICE, BRANCH_BOB, "to the branch");

        james.client().submit(ALICE, PASSWORD, ALICE, List.of(BRANCH_BOB), smime);

        RepositoryMail relayed = awaitOutgoingWithSubject("to the branch");
        // SmimeDecrypt opened it (its stamp); then it left under the policy like any mail, so it may be encrypted again.
        assertThat(headersOf(relayed.message())).contains("X-Smime-Encryption-Algorithm-0: AES128_CBC")
            .doesNotContain("X-Smime-Decryption-Failed");
        String content = enveloped().test(headersOf(relayed.message()))
            ? openssl.decrypt(relayed.message(), branchBob).assertSuccess().stdoutText()
            : text(relayed.message());
        assertThat(content).contains("For the branch office.");
    }

    @Test
    void subjectTriggerEncryptsForANoneDomainAndIsRemoved() throws Exception {
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(GINA), mail(ALICE, GINA, "[encrypt] hello", "Triggered.\r\n"));

        RepositoryMail relayed = awaitOutgoing(GINA);

        assertThat(headersOf(relayed.message())).matches(h -> enveloped().test(h), "enveloped S/MIME")
            .contains("Subject: hello\r\n").doesNotContain("[encrypt]");
        ExternalTool.Result decrypted = new OpenSslCms(pkiDir.resolve("d")).decrypt(relayed.message(), gina).assertSuccess();
        assertThat(decrypted.stdoutText()).contains("Triggered.");
    }

    @Test
    void anEditedPolicyAppliesToTheNextMailWithoutRestart() throws Exception {
        String recipient = "henry@none.test";
        Path certs = james.gateway().root().resolve("conf/smime-gateway/store/certs");
        OpenSslPki.Identity henry = pki.issue(recipient);
        Files.copy(henry.certificate(), certs.resolve("henry.pem"));
        Thread.sleep(6000); // the file store rescans every 5 s
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(recipient), mail(ALICE, recipient, "before edit", "one\r\n"));
        RepositoryMail before = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing()
            .stream().filter(m -> headersOf(m.message()).contains("Subject: before edit")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(headersOf(before.message())).doesNotContain("application/pkcs7-mime");

        Path policy = james.gateway().root().resolve("conf/smime-policy.xml");
        Files.writeString(policy, Files.readString(policy).replace(
            "<domain name=\"none.test\">\n        <encrypt>none</encrypt>",
            "<domain name=\"none.test\">\n        <encrypt>allow</encrypt>"));
        assertThat(Files.readString(policy)).contains("<encrypt>allow</encrypt>\n    </domain>");
        Thread.sleep(1500); // the policy is re-read at most once a second
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(recipient), mail(ALICE, recipient, "after edit", "two\r\n"));

        RepositoryMail after = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> james.gateway().outgoing()
            .stream().filter(m -> headersOf(m.message()).contains("Subject: after edit")).toList(), l -> !l.isEmpty()).get(0);
        assertThat(headersOf(after.message())).matches(h -> enveloped().test(h), "enveloped S/MIME");
    }

    @Test
    void aDomainAskingForHeaderProtectionGetsTheRealSubjectOnlyInsideTheEncryption() throws Exception {
        Path policy = james.gateway().root().resolve("conf/smime-policy.xml");
        Files.writeString(policy, Files.readString(policy).replace("</policy>",
            "    <domain name=\"protected.test\">\n        <protectHeaders>true</protectHeaders>\n    </domain>\n</policy>"));
        Thread.sleep(1500); // the policy is re-read at most once a second
        String body = "The merger closes on Friday.\r\n";
        james.client().submit(ALICE, PASSWORD, ALICE, List.of(HANK), mail(ALICE, HANK, "Merger with BarCorp", body));

        RepositoryMail relayed = awaitOutgoing(HANK);

        String outer = headersOf(relayed.message());
        assertThat(outer).matches(h -> enveloped().test(h), "enveloped S/MIME").contains("Subject: [...]\r\n")
            .contains("From: " + ALICE + "\r\n", "To: " + HANK + "\r\n").doesNotContain("Merger");
        ExternalTool.Result decrypted = new OpenSslCms(pkiDir.resolve("hp")).decrypt(relayed.message(), hank).assertSuccess();
        String inner = headersOf(decrypted.stdout());
        assertThat(inner).contains("Subject: Merger with BarCorp\r\n", "From: " + ALICE + "\r\n", "To: " + HANK + "\r\n",
            "HP-Outer: Subject: [...]\r\n", "hp=\"cipher\"").containsPattern("Content-Type: multipart/signed;");
        // The signature inside (the sample signs Alice's mail) still verifies under the protected header section.
        ExternalTool.Result verified = new OpenSslCms(pkiDir.resolve("hp-verify")).verify(decrypted.stdout(), pki.caCertificate())
            .assertSuccess();
        assertThat(verified.stdoutText()).endsWith(body);
    }
}
