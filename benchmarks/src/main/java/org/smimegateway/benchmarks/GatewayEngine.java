package org.smimegateway.benchmarks;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import javax.mail.internet.MimeMessage;

import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.trust.TrustVerdict;
import org.smimegateway.policy.ContentEncryption;
import org.smimegateway.policy.KeyTransport;
import org.smimegateway.smime.DigestAlgorithm;
import org.smimegateway.smime.InspectionResult;
import org.smimegateway.smime.MimeEntities;
import org.smimegateway.smime.SignFormat;
import org.smimegateway.smime.SignatureScheme;
import org.smimegateway.smime.SmimeDecryptor;
import org.smimegateway.smime.SmimeEncryptor;
import org.smimegateway.smime.SmimeInspector;
import org.smimegateway.smime.SmimeSigner;
import org.smimegateway.smime.SmimeVerifier;

/**
 * Our engine driven the way the mailets drive it: raw bytes in, a parsed message through the engine, raw bytes
 * out. Signers, encryptors and inspectors are built once and reused, as the mailets do after init().
 */
final class GatewayEngine {
    private final SigningIdentity signer;
    private final SmimeSigner signing = new SmimeSigner(DigestAlgorithm.SHA256, SignatureScheme.RSA_PKCS1, SignFormat.CLEAR);
    private final SmimeEncryptor encrypting = new SmimeEncryptor(ContentEncryption.AES128_CBC, KeyTransport.RSA_PKCS1);
    private final SmimeInspector inspecting;

    GatewayEngine(BenchmarkPki pki) {
        BenchmarkPki.Party sender = pki.sender();
        signer = new SigningIdentity(sender.keys().getPrivate(), sender.certificate(), List.of(pki.ca()));
        BenchmarkPki.Party recipient = pki.recipients().get(0);
        List<DecryptionKey> keys = List.of(new DecryptionKey(recipient.keys().getPrivate(), recipient.certificate()));
        // Trust as a fixed verdict: path validation is the keystore provider's cost, not the engine's.
        TrustVerdict trusted = new TrustVerdict.Trusted(List.of(sender.certificate()), pki.ca());
        inspecting = new SmimeInspector(Optional.of(new SmimeDecryptor(selector -> keys, false)),
            new SmimeVerifier((certificate, intermediates) -> trusted));
    }

    byte[] sign(byte[] raw) throws Exception {
        return bytes(signed(raw));
    }

    byte[] encrypt(byte[] raw, List<BenchmarkPki.Party> recipients) throws Exception {
        return bytes(encrypted(raw, recipients));
    }

    byte[] signEncrypt(byte[] raw, BenchmarkPki.Party recipient) throws Exception {
        return bytes(signedEncrypted(raw, recipient));
    }

    byte[] inspect(byte[] raw, boolean expectEncrypted, boolean expectSigned) throws Exception {
        return bytes(inspected(raw, expectEncrypted, expectSigned));
    }

    MimeMessage signed(byte[] raw) throws Exception {
        return signing.sign(MimeEntities.parse(raw), signer);
    }

    MimeMessage encrypted(byte[] raw, List<BenchmarkPki.Party> recipients) throws Exception {
        return encrypting.encrypt(MimeEntities.parse(raw), recipients.stream().map(BenchmarkPki.Party::certificate).toList());
    }

    MimeMessage signedEncrypted(byte[] raw, BenchmarkPki.Party recipient) throws Exception {
        MimeMessage signed = signing.sign(MimeEntities.parse(raw), signer);
        return encrypting.encrypt(signed, List.of(recipient.certificate()));
    }

    /** Decrypts and verifies whatever layers there are; fails if nothing was decrypted or verified. */
    MimeMessage inspected(byte[] raw, boolean expectEncrypted, boolean expectSigned) throws Exception {
        InspectionResult result = inspecting.inspect(MimeEntities.parse(raw));
        if (expectEncrypted && !result.decrypted() || expectSigned && !result.verified()) {
            throw new IllegalStateException("engine: expected decrypted=" + expectEncrypted + " verified=" + expectSigned
                + " but got " + result.layers());
        }
        return result.message();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, message.getSize() + 8192));
        message.writeTo(out);
        return out.toByteArray();
    }
}
