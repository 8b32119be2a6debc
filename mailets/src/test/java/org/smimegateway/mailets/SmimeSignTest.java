package org.smimegateway.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.smimegateway.mailets.MailetFixture.attribute;
import static org.smimegateway.mailets.MailetFixture.mail;
import static org.smimegateway.mailets.MailetFixture.message;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.mailet.base.test.FakeMail;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.smime.SMIMEAttributes;
import org.bouncycastle.asn1.smime.SMIMECapabilities;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.smime.InspectionResult;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SmimeInspector;
import org.smimegateway.smime.SmimeVerifier;

class SmimeSignTest {
    private static final String BODY = "Signed figures, Gr\u00fc\u00dfe.\r\n";
    private static TestIdentity alice;

    @TempDir
    Path dir;
    private MailetFixture gateway;

    @BeforeAll
    static void identities() {
        alice = MailetFixture.PKI.user("alice@gateway.test");
    }

    @BeforeEach
    void gateway() throws Exception {
        gateway = new MailetFixture(dir).key(alice);
    }

    private SmimeSign mailet(String... parameters) throws Exception {
        return gateway.init(new SmimeSign(), parameters);
    }

    private static FakeMail from(String sender) throws Exception {
        return mail(message(sender, "carol@remote.test", BODY), sender, "carol@remote.test");
    }

    private InspectionResult verified(MimeMessage message) throws Exception {
        return new SmimeInspector(Optional.empty(), new SmimeVerifier(gateway.provider()::validate)).inspect(message);
    }

    @Test
    void signsClearWithTheSendersKeySoThatTheSignatureVerifiesAndIsTrusted() throws Exception {
        FakeMail mail = from("alice@gateway.test");

        mailet().service(mail);

        assertThat(mail.getMessage().getContentType()).startsWith("multipart/signed")
            .contains("protocol=\"application/pkcs7-signature\"").contains("micalg=sha-256");
        assertThat(attribute(mail, SmimeSign.SIGNED_BY)).isEqualTo("alice@gateway.test");
        InspectionResult result = verified(mail.getMessage());
        assertThat(result.verified()).isTrue();
        assertThat(result.trusted()).isTrue();
    }

    @Test
    void clearSignaturesCarryTheChainWithoutTheRootCapabilitiesAndSigningTime() throws Exception {
        FakeMail mail = from("alice@gateway.test");
        Date before = new Date(System.currentTimeMillis() - 1000);

        mailet().service(mail);

        MimeMultipart parts = (MimeMultipart) mail.getMessage().getContent();
        byte[] signature;
        try (InputStream in = parts.getBodyPart(1).getInputStream()) {
            signature = MimeEntities.readFully(in);
        }
        assertCarriesChainCapabilitiesAndSigningTime(new CMSSignedData(signature), before);
    }

    @Test
    void opaqueSignaturesCarryTheChainWithoutTheRootCapabilitiesAndSigningTime() throws Exception {
        FakeMail mail = from("alice@gateway.test");
        Date before = new Date(System.currentTimeMillis() - 1000);

        mailet("format", "OPAQUE").service(mail);

        assertThat(mail.getMessage().getContentType()).contains("application/pkcs7-mime")
            .contains("smime-type=signed-data");
        byte[] der;
        try (InputStream in = mail.getMessage().getInputStream()) {
            der = MimeEntities.readFully(in);
        }
        assertCarriesChainCapabilitiesAndSigningTime(new CMSSignedData(der), before);
        assertThat(verified(mail.getMessage()).verified()).isTrue();
    }

    private static void assertCarriesChainCapabilitiesAndSigningTime(CMSSignedData signed, Date notBefore)
        throws Exception {
        assertThat(signed.getCertificates().getMatches(null))
            .containsExactlyInAnyOrder(holder(alice.certificate()), holder(MailetFixture.PKI.intermediateCertificate()))
            .doesNotContain(holder(MailetFixture.PKI.rootCertificate()));
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute signingTime = attributes.get(CMSAttributes.signingTime);
        assertThat(signingTime).isNotNull();
        Date time = Time.getInstance(signingTime.getAttrValues().getObjectAt(0)).getDate();
        assertThat(time).isAfterOrEqualTo(new Date(notBefore.getTime() / 1000 * 1000))
            .isBeforeOrEqualTo(new Date(System.currentTimeMillis() + 1000));
        Attribute capabilities = attributes.get(SMIMEAttributes.smimeCapabilities);
        assertThat(capabilities).isNotNull();
        List<ASN1ObjectIdentifier> offered = new ArrayList<>();
        for (Object capability : SMIMECapabilities.getInstance(capabilities.getAttrValues().getObjectAt(0))
            .getCapabilities(null)) {
            offered.add(((SMIMECapability) capability).getCapabilityID());
        }
        assertThat(offered).contains(SMIMECapability.aES256_CBC, SMIMECapability.aES128_CBC);
    }

    @Test
    void signaturesNameTheSendersEncryptionCertificateAsKeyPreference() throws Exception {
        // A separate encryption-only certificate, as Outlook users often have: replies must be encrypted for it.
        TestIdentity aliceEncryption = MailetFixture.PKI.endEntity("alice@gateway.test").encryptionOnly().issue();
        gateway.certificate(aliceEncryption);
        FakeMail mail = from("alice@gateway.test");

        mailet("format", "OPAQUE").service(mail);

        byte[] der;
        try (InputStream in = mail.getMessage().getInputStream()) {
            der = MimeEntities.readFully(in);
        }
        X509Certificate preferred = ((org.smimegateway.keystore.Lookup.Found<org.smimegateway.keystore.EncryptionCertificates>)
            gateway.provider().encryptionCertificates("alice@gateway.test")).value().usable().get(0);
        assertThat(preferred).isEqualTo(aliceEncryption.certificate());
        Attribute preference = new CMSSignedData(der).getSignerInfos().getSigners().iterator().next()
            .getSignedAttributes().get(SMIMEAttributes.encrypKeyPref);
        assertThat(preference).isNotNull();
        // SMIMEEncryptionKeyPreference ::= CHOICE { issuerAndSerialNumber [0] IMPLICIT IssuerAndSerialNumber, ... }
        ASN1TaggedObject choice = ASN1TaggedObject.getInstance(preference.getAttrValues().getObjectAt(0));
        assertThat(choice.getTagNo()).isZero();
        IssuerAndSerialNumber named = IssuerAndSerialNumber.getInstance(ASN1Sequence.getInstance(choice, false));
        assertThat(named.getSerialNumber().getValue()).isEqualTo(aliceEncryption.certificate().getSerialNumber());
        assertThat(named.getName()).isEqualTo(X500Name.getInstance(
            aliceEncryption.certificate().getIssuerX500Principal().getEncoded()));
        assertThat(verified(mail.getMessage()).verified()).isTrue();
    }

    @Test
    void aRecipientDomainAskingForLegacyContentTypesGetsTheXNames() throws Exception {
        Path policy = java.nio.file.Files.writeString(dir.resolve("policy.xml"),
            "<policy><domain name=\"remote.test\"><legacyContentTypes>true</legacyContentTypes></domain></policy>");
        FakeMail toOldClient = from("alice@gateway.test");
        FakeMail elsewhere = mail(message("alice@gateway.test", "zoe@new.test", BODY), "alice@gateway.test", "zoe@new.test");

        SmimeSign mailet = mailet("policy", policy.toString());
        mailet.service(toOldClient);
        mailet.service(elsewhere);

        assertThat(toOldClient.getMessage().getContentType()).contains("protocol=\"application/x-pkcs7-signature\"");
        assertThat(elsewhere.getMessage().getContentType()).contains("protocol=\"application/pkcs7-signature\"");
        assertThat(verified(toOldClient.getMessage()).verified()).isTrue();
    }

    private static X509CertificateHolder holder(X509Certificate certificate) throws Exception {
        return new X509CertificateHolder(certificate.getEncoded());
    }

    @Test
    void withoutASigningKeyMailGoesOnUnsignedWhenNoProcessorIsConfigured() throws Exception {
        FakeMail mail = from("bob@gateway.test");
        MimeMessage before = mail.getMessage();

        mailet().service(mail);

        assertThat(mail.getMessage()).isSameAs(before);
        assertThat(mail.getState()).isEqualTo("transport");
        assertThat(attribute(mail, SmimeSign.SIGNED_BY)).isNull();
    }

    @Test
    void withoutASigningKeyMailGoesToTheNoIdentityProcessor() throws Exception {
        FakeMail mail = from("bob@gateway.test");
        MimeMessage before = mail.getMessage();

        mailet("noIdentityProcessor", "unsigned").service(mail);

        assertThat(mail.getState()).isEqualTo("unsigned");
        assertThat(mail.getMessage()).isSameAs(before);
    }

    @Test
    void aFromThatDoesNotParseWithoutEnvelopeSenderIsNoIdentityNotAnError() throws Exception {
        MimeMessage message = message("alice@gateway.test", "carol@remote.test", BODY);
        message.setHeader("From", "Alice at the gateway");
        FakeMail mail = FakeMail.builder().name("bounce").mimeMessage(message).recipients("carol@remote.test")
            .state("transport").build();

        mailet("noIdentityProcessor", "unsigned").service(mail);

        assertThat(mail.getState()).isEqualTo("unsigned");
        assertThat(mail.getMessage()).isSameAs(message);
    }

    @Test
    void anUnavailableKeystoreNeverLetsMailGoOnUnsigned() throws Exception {
        OutageKeystore.install(gateway, "alice@gateway.test");
        FakeMail mail = from("alice@gateway.test");
        MimeMessage before = mail.getMessage();

        mailet("noIdentityProcessor", "unsigned").service(mail);

        assertThat(mail.getState()).isEqualTo("error");
        assertThat(mail.getErrorMessage()).contains("unavailable");
        assertThat(mail.getMessage()).isSameAs(before);
    }

    @Test
    void anUnavailableKeystoreRoutesToTheUnavailableProcessorWhenConfigured() throws Exception {
        OutageKeystore.install(gateway, "alice@gateway.test");
        FakeMail mail = from("alice@gateway.test");

        mailet("unavailableProcessor", "held").service(mail);

        assertThat(mail.getState()).isEqualTo("held");
        assertThat(mail.getMessage().getContentType()).startsWith("text/plain");
    }

    @Test
    void unknownParameterIsRejectedByName() {
        assertThatThrownBy(() -> mailet("digestAlgorithm", "SHA256"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("digestAlgorithm");
    }

    @Test
    void badValuesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> mailet("digest", "SHA1"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'digest'");
        assertThatThrownBy(() -> mailet("format", "DETACHED"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'format'");
        assertThatThrownBy(() -> mailet("signatureScheme", "DSA"))
            .isInstanceOf(MessagingException.class).hasMessageContaining("'signatureScheme'");
    }
}
