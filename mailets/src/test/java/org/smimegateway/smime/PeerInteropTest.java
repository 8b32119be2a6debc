package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.ExternalTool;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.testing.TestPki;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;

/** GnuPG's gpgsm and NSS's cmsutil (Thunderbird's engine) read what we produce, and we read what they produce. */
class PeerInteropTest {
    private static final String BODY = "Status report: all systems nominal.\r\n";
    private static TestPki pki;
    private static TestIdentity alice;
    private static TestIdentity carol;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() {
        pki = TestPki.create("Peer Interop");
        alice = pki.user("alice@gateway.test");
        carol = pki.user("carol@remote.test");
    }

    private static MimeMessage message() throws Exception {
        return MimeEntities.parse(("From: alice@gateway.test\r\nTo: carol@remote.test\r\nSubject: status\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n" + BODY)
            .getBytes(StandardCharsets.US_ASCII));
    }

    /** Our clear-signed message as the two files peers verify: signed content and DER signature. */
    private Path[] signedParts() throws Exception {
        MimeMessage signed = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR)
            .sign(message(), alice.asSigningIdentity());
        byte[][] parts = SmimeVerifier.splitMultipartSigned(MimeEntities.parse(MimeEntities.bytes(signed))).orElseThrow();
        byte[] signature = new javax.mail.internet.MimeBodyPart(new java.io.ByteArrayInputStream(parts[1]))
            .getInputStream().readAllBytes();
        return new Path[] {Files.write(dir.resolve("content.txt"), parts[0]), Files.write(dir.resolve("sig.der"), signature)};
    }

    private InspectionResult decryptAsCarol(byte[] der) throws Exception {
        byte[] message = ("From: peer@remote.test\r\nTo: carol@remote.test\r\nSubject: from a peer\r\nMIME-Version: 1.0\r\n"
            + new String(SmimeSigner.opaque(der, "enveloped-data"), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        SmimeDecryptor decryptor = new SmimeDecryptor(selector -> List.of(carol.asDecryptionKey()), false);
        return new SmimeInspector(Optional.of(decryptor), new SmimeVerifier(TestTrust.anchoredAt(pki.rootCertificate())))
            .inspect(MimeEntities.parse(message));
    }

    private Path gnupgHome() throws Exception {
        Path home = Files.createDirectory(dir.resolve("gnupg"), PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------")));
        String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
            .formatHex(MessageDigest.getInstance("SHA-1").digest(pki.rootCertificate().getEncoded()));
        Files.writeString(home.resolve("trustlist.txt"), fingerprint + " S relax\n");
        return home;
    }

    private ExternalTool.Result gpgsm(ExternalTool tool, Path home, String... arguments) {
        String[] all = new String[arguments.length + 3];
        all[0] = "--homedir";
        all[1] = home.toString();
        all[2] = "--batch";
        System.arraycopy(arguments, 0, all, 3, arguments.length);
        return tool.run(dir, null, all);
    }

    @Test
    void gpgsmVerifiesOurSignatureAndRejectsAlteredContent() throws Exception {
        ExternalTool tool = ExternalTool.require("gpgsm", "gpgsm");
        Path home = gnupgHome();
        gpgsm(tool, home, "--import", PkiFiles.writePem(dir.resolve("root.pem"), pki.rootCertificate()).toString()).assertSuccess();
        Path[] parts = signedParts();

        ExternalTool.Result good = gpgsm(tool, home, "--disable-crl-checks", "--verify", parts[1].toString(), parts[0].toString());
        Files.writeString(parts[0], Files.readString(parts[0]).replace("nominal", "critical"));
        ExternalTool.Result bad = gpgsm(tool, home, "--disable-crl-checks", "--verify", parts[1].toString(), parts[0].toString());

        assertThat(good.assertSuccess().stderr()).contains("Good signature").contains("alice@gateway.test");
        assertThat(bad.succeeded()).as(bad.describe()).isFalse();
    }

    @Test
    void weDecryptWhatGpgsmEncrypted() throws Exception {
        ExternalTool tool = ExternalTool.require("gpgsm", "gpgsm");
        Path home = gnupgHome();
        gpgsm(tool, home, "--import", PkiFiles.writePem(dir.resolve("chain.pem"), pki.rootCertificate(),
            pki.intermediateCertificate(), carol.certificate()).toString()).assertSuccess();
        Path in = Files.writeString(dir.resolve("in.txt"), "Content-Type: text/plain\r\n\r\n" + BODY);

        gpgsm(tool, home, "--disable-crl-checks", "-r", "carol@remote.test", "--encrypt", "-o",
            dir.resolve("gpgsm.der").toString(), in.toString()).assertSuccess();
        InspectionResult result = decryptAsCarol(Files.readAllBytes(dir.resolve("gpgsm.der")));

        assertThat(result.decrypted()).isTrue();
        assertThat(new String(result.message().getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(BODY);
    }

    private Path nssDatabase(ExternalTool certutil, boolean withCarolsKey) throws Exception {
        Path db = Files.createDirectory(dir.resolve("nss"));
        String sql = "sql:" + db;
        certutil.run(dir, null, "-N", "-d", sql, "--empty-password").assertSuccess();
        certutil.run(dir, null, "-A", "-d", sql, "-n", "root", "-t", "CT,C,C", "-i",
            PkiFiles.writePem(dir.resolve("root.pem"), pki.rootCertificate()).toString()).assertSuccess();
        certutil.run(dir, null, "-A", "-d", sql, "-n", "intermediate", "-t", ",,", "-i",
            PkiFiles.writePem(dir.resolve("intermediate.pem"), pki.intermediateCertificate()).toString()).assertSuccess();
        certutil.run(dir, null, "-A", "-d", sql, "-n", "carol", "-t", ",,", "-i",
            PkiFiles.writePem(dir.resolve("carol.pem"), carol.certificate()).toString()).assertSuccess();
        if (withCarolsKey) {
            Path p12 = PkiFiles.writePkcs12(dir.resolve("carol.p12"), carol, "nss-pass".toCharArray());
            ExternalTool.require("pk12util", "libnss3-tools").run(dir, null, "-i", p12.toString(), "-d", sql,
                "-W", "nss-pass").assertSuccess();
        }
        return db;
    }

    @Test
    void nssCmsutilVerifiesOurSignatureAndRejectsAlteredContent() throws Exception {
        ExternalTool cmsutil = ExternalTool.require("cmsutil", "libnss3-tools");
        Path db = nssDatabase(ExternalTool.require("certutil", "libnss3-tools"), false);
        Path[] parts = signedParts();

        ExternalTool.Result good = cmsutil.run(dir, null, "-D", "-d", "sql:" + db, "-i", parts[1].toString(),
            "-c", parts[0].toString());
        Files.writeString(parts[0], Files.readString(parts[0]).replace("nominal", "critical"));
        ExternalTool.Result bad = cmsutil.run(dir, null, "-D", "-d", "sql:" + db, "-i", parts[1].toString(),
            "-c", parts[0].toString());

        assertThat(good.assertSuccess().stdoutText()).contains("nominal");
        assertThat(bad.succeeded()).as(bad.describe()).isFalse();
        assertThat(bad.stdoutText() + bad.stderr()).contains("DigestMismatch");
    }

    @Test
    void nssCmsutilDecryptsOurEnvelopeAndWeDecryptItsEnvelope() throws Exception {
        ExternalTool cmsutil = ExternalTool.require("cmsutil", "libnss3-tools");
        Path db = nssDatabase(ExternalTool.require("certutil", "libnss3-tools"), true);
        MimeMessage encrypted = new SmimeEncryptor(ContentEncryption.AES256_CBC, KeyTransport.RSA_PKCS1)
            .encrypt(message(), List.of(carol.certificate()));
        Path ours = Files.write(dir.resolve("ours.der"), encrypted.getInputStream().readAllBytes());
        Path in = Files.writeString(dir.resolve("in.txt"), "Content-Type: text/plain\r\n\r\n" + BODY);

        ExternalTool.Result decrypted = cmsutil.run(dir, null, "-D", "-d", "sql:" + db, "-i", ours.toString());
        cmsutil.run(dir, null, "-E", "-d", "sql:" + db, "-r", "carol", "-i", in.toString(), "-o",
            dir.resolve("nss.der").toString()).assertSuccess();
        InspectionResult result = decryptAsCarol(Files.readAllBytes(dir.resolve("nss.der")));

        assertThat(decrypted.assertSuccess().stdoutText()).endsWith(BODY);
        assertThat(result.decrypted()).isTrue();
        assertThat(new String(result.message().getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo(BODY);
    }
}
