package org.smimegateway.keystore.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.KeyTransRecipientId;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.CertificateProfile;
import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.Providers;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.smimegateway.keystore.file.FileCertificateStore;
import org.smimegateway.keystore.file.FileStoreSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.testing.PkiFiles;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * The file store against third-party material from {@code ../shared/corpus}: Thunderbird/NSS PKCS#12 files and
 * envelopes, and the RFC 9216 keys and certificates. Skipped when the corpus is not present.
 */
class CorpusKeystoreTest {
    private static Path corpus;

    @TempDir
    Path store;
    private FileCertificateStore files;

    @BeforeAll
    static void locateCorpus() {
        String configured = System.getProperty("smimegateway.corpus", "../../shared/corpus");
        corpus = Path.of(configured).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(corpus.resolve("releases-comm-central")),
            "SKIPPED: third-party S/MIME corpus not found at " + corpus
                + " (expected ../shared/corpus beside the project, see its MANIFEST.md; or set -Dsmimegateway.corpus=<dir>)");
    }

    @AfterEach
    void close() {
        if (files != null) {
            files.close();
        }
    }

    @Test
    void findsBobsNssKeyForTheThunderbirdEnvelopeAndItDecrypts() throws Exception {
        Path nss = corpus.resolve("releases-comm-central/mailnews/test/data/smime");
        Files.createDirectories(store.resolve("keys"));
        Files.copy(nss.resolve("Bob.p12"), store.resolve("keys/Bob.p12"));
        Files.writeString(store.resolve("keys/Bob.pass"), "nss");
        PkiFiles.write(store.resolve("anchors/TestCA.pem"), Files.readAllBytes(nss.resolve("TestCA.pem")));
        StoreKeystoreProvider provider = provider();

        CMSEnvelopedData envelope = new CMSEnvelopedData(mimeBody(nss.resolve("alice.env.eml")));
        RecipientInformation recipient = envelope.getRecipientInfos().getRecipients().iterator().next();
        List<DecryptionKey> keys = provider.decryptionKeys(selector(recipient.getRID()));

        assertThat(keys).hasSize(1);
        assertThat(CertificateProfile.addresses(keys.get(0).certificate())).contains("bob@example.com");
        byte[] plain = recipient.getContent(new JceKeyTransEnvelopedRecipient(keys.get(0).privateKey())
            .setProvider(Providers.BC));
        assertThat(new String(plain, StandardCharsets.US_ASCII)).isNotEmpty();
    }

    @Test
    void buildsAlicesNssChainToTheCorpusCaAndOffersHerSigningKey() throws Exception {
        Path nss = corpus.resolve("releases-comm-central/mailnews/test/data/smime");
        Files.createDirectories(store.resolve("keys"));
        Files.copy(nss.resolve("Alice.p12"), store.resolve("keys/Alice.p12"));
        Files.writeString(store.resolve("keys/Alice.p12.pass"), "nss");
        PkiFiles.write(store.resolve("anchors/TestCA.pem"), Files.readAllBytes(nss.resolve("TestCA.pem")));
        StoreKeystoreProvider provider = provider();

        Lookup<SigningIdentity> alice = provider.signingIdentity("alice@example.com");

        assertThat(alice).isInstanceOf(Lookup.Found.class);
        SigningIdentity identity = ((Lookup.Found<SigningIdentity>) alice).value();
        TrustVerdict verdict = provider.validate(identity.certificate(), identity.chain());
        assertThat(verdict).isInstanceOf(TrustVerdict.Trusted.class);
        assertThat(((TrustVerdict.Trusted) verdict).anchor().getSubjectX500Principal().getName())
            .contains("NSS Test CA (RSA)");
    }

    @Test
    void findsRfc9216BobsKeyForTheRsaOaepEnvelopeAndValidatesAliceToTheLampsCa() throws Exception {
        Path keys = corpus.resolve("examples-cms/certs-and-keys");
        Path certs = corpus.resolve("certvalidator-pr-rfc9216/tests/fixtures/rfc9216");
        X509Certificate bobCert = CertificateCodec.certificates(Files.readAllBytes(keys.resolve(
            "lamps-bob.encrypt.crt"))).get(0);
        // An operator concatenates the RFC's PEM key and certificate into one key file.
        PkiFiles.write(store.resolve("keys/bob.pem"), (Files.readString(keys.resolve("lamps-bob.decrypt.p8.pem"))
            + Files.readString(keys.resolve("lamps-bob.encrypt.crt"))).getBytes(StandardCharsets.US_ASCII));
        PkiFiles.write(store.resolve("anchors/lamps-rsa.pem"), Files.readAllBytes(certs.resolve(
            "Sample_LAMPS_RSA_Certification_Authority.selfsigned.pem")));
        StoreKeystoreProvider provider = provider();

        CMSEnvelopedData envelope = new CMSEnvelopedData(Files.readAllBytes(corpus.resolve(
            "examples-cms/binary-files/encryptedForBobRSAOaep.p7m")));
        RecipientInformation recipient = envelope.getRecipientInfos().getRecipients().iterator().next();
        List<DecryptionKey> found = provider.decryptionKeys(selector(recipient.getRID()));
        X509Certificate alice = CertificateCodec.certificates(Files.readAllBytes(certs.resolve(
            "alice@smime.example.sig.pem"))).get(0);

        assertThat(found).extracting(DecryptionKey::certificate).containsExactly(bobCert);
        byte[] plain = recipient.getContent(new JceKeyTransEnvelopedRecipient(found.get(0).privateKey())
            .setProvider(Providers.BC));
        assertThat(new String(plain, StandardCharsets.US_ASCII)).isEqualTo("This is some sample content.");
        assertThat(provider.validate(alice, List.of()).isTrusted()).isTrue();
    }

    private StoreKeystoreProvider provider() {
        files = FileCertificateStore.open(new FileStoreSettings(store, null, Duration.ZERO));
        return new StoreKeystoreProvider(files, new PathValidator(files.trust(), RevocationPolicy.DEFAULT,
            Clock.systemUTC()), Clock.systemUTC());
    }

    private static KeySelector selector(RecipientId id) throws Exception {
        KeyTransRecipientId recipient = (KeyTransRecipientId) id;
        if (recipient.getSubjectKeyIdentifier() != null) {
            return new KeySelector.SubjectKeyId(recipient.getSubjectKeyIdentifier());
        }
        X500Name issuer = recipient.getIssuer();
        return new KeySelector.IssuerAndSerial(new X500Principal(issuer.getEncoded()),
            recipient.getSerialNumber());
    }

    /** The base64 body of a single-part application/pkcs7-mime message. */
    private static byte[] mimeBody(Path eml) throws Exception {
        String text = Files.readString(eml, StandardCharsets.US_ASCII).replace("\r\n", "\n");
        return Base64.getMimeDecoder().decode(text.substring(text.indexOf("\n\n") + 2).trim());
    }
}
