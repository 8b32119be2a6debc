package org.smimegateway.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Provider;
import java.util.List;
import java.util.Properties;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.mail.smime.SMIMEEnveloped;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESigned;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.mail.smime.SMIMEUtil;

/**
 * Bouncy Castle's bcmail used the way most code does: parse a MimeMessage, build a generator per message, let
 * JavaMail rebuild and serialise the result. The peer our engine must clearly beat.
 */
final class BcmailNaive {
    private static final Provider BC = new BouncyCastleProvider();
    private static final Session SESSION = Session.getInstance(new Properties());

    private BcmailNaive() {
    }

    static byte[] sign(byte[] raw, BenchmarkPki.Party signer) throws Exception {
        return Output.of(signed(raw, signer)).toBytes();
    }

    static byte[] encrypt(byte[] raw, List<BenchmarkPki.Party> recipients) throws Exception {
        return Output.of(encrypted(raw, recipients)).toBytes();
    }

    static byte[] decrypt(byte[] raw, BenchmarkPki.Party recipient) throws Exception {
        return Output.of(decrypted(raw, recipient)).toBytes();
    }

    static byte[] verify(byte[] raw, BenchmarkPki.Party signer) throws Exception {
        return Output.of(verified(raw, signer)).toBytes();
    }

    static MimeMessage signed(byte[] raw, BenchmarkPki.Party signer) throws Exception {
        MimeMessage message = parse(raw);
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC)
            .build("SHA256withRSA", signer.keys().getPrivate(), signer.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
        MimeMultipart signed = generator.generate(contentOf(message));
        MimeMessage out = withEnvelopeHeaders(message);
        out.setContent(signed);
        out.saveChanges();
        return out;
    }

    static MimeMessage encrypted(byte[] raw, List<BenchmarkPki.Party> recipients) throws Exception {
        MimeMessage message = parse(raw);
        SMIMEEnvelopedGenerator generator = new SMIMEEnvelopedGenerator();
        for (BenchmarkPki.Party recipient : recipients) {
            generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient.certificate()).setProvider(BC));
        }
        MimeBodyPart enveloped = generator.generate(contentOf(message),
            new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES128_CBC).setProvider(BC).build());
        MimeMessage out = withEnvelopeHeaders(message);
        out.setContent(enveloped.getContent(), enveloped.getContentType());
        out.setHeader("Content-Transfer-Encoding", "base64");
        out.saveChanges();
        return out;
    }

    static MimeBodyPart decrypted(byte[] raw, BenchmarkPki.Party recipient) throws Exception {
        SMIMEEnveloped enveloped = new SMIMEEnveloped(parse(raw));
        RecipientInformation info = enveloped.getRecipientInfos().get(new JceKeyTransRecipientId(recipient.certificate()));
        return SMIMEUtil.toMimeBodyPart(
            info.getContent(new JceKeyTransEnvelopedRecipient(recipient.keys().getPrivate()).setProvider(BC)));
    }

    static MimeBodyPart verified(byte[] raw, BenchmarkPki.Party signer) throws Exception {
        SMIMESigned signed = new SMIMESigned((MimeMultipart) parse(raw).getContent());
        for (SignerInformation info : signed.getSignerInfos().getSigners()) {
            if (!info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(signer.certificate()))) {
                throw new IllegalStateException("bcmail: signature does not verify");
            }
        }
        return signed.getContent();
    }

    private static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    /** The message's content as a body part, the way bcmail's examples build the part to sign or encrypt. */
    private static MimeBodyPart contentOf(MimeMessage message) throws MessagingException, IOException {
        MimeBodyPart part = new MimeBodyPart();
        Object content = message.getContent();
        if (content instanceof MimeMultipart multipart) {
            part.setContent(multipart);
        } else {
            part.setContent(content, message.getContentType());
        }
        return part;
    }

    private static MimeMessage withEnvelopeHeaders(MimeMessage original) throws MessagingException {
        MimeMessage out = new MimeMessage(SESSION);
        for (String name : new String[] {"From", "To", "Subject", "Message-ID", "Date"}) {
            String value = original.getHeader(name, ",");
            if (value != null) {
                out.setHeader(name, value);
            }
        }
        return out;
    }
}
