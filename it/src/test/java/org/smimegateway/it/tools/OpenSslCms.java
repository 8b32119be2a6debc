package org.smimegateway.it.tools;

import org.smimegateway.keystore.testing.ExternalTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code openssl cms} as the independent S/MIME peer: it makes mail for the gateway and reads what the gateway sends. */
public final class OpenSslCms {
    private final ExternalTool openssl;
    private final Path work;

    public OpenSslCms(Path work) throws IOException {
        this.openssl = ExternalTool.require("openssl", "openssl");
        this.work = Files.createDirectories(work);
    }

    /**
     * A complete mail from {@code signer} to {@code to}: the MIME entity clear-signed by the signer, then encrypted
     * (AES-128-CBC) for {@code recipientCertificate}.
     */
    public byte[] signThenEncrypt(byte[] entity, OpenSslPki.Identity signer, Path recipientCertificate, String to,
                                  String subject) throws IOException {
        Path in = Files.write(Files.createTempFile(work, "entity", ".eml"), entity);
        Path signed = Files.createTempFile(work, "signed", ".eml");
        openssl.run(work, null, "cms", "-sign", "-in", in.toString(), "-signer", signer.certificate().toString(),
            "-inkey", signer.privateKey().toString(), "-md", "sha256", "-out", signed.toString()).assertSuccess();
        return openssl.run(work, null, "cms", "-encrypt", "-in", signed.toString(), "-aes128",
            "-from", signer.address(), "-to", to, "-subject", subject, recipientCertificate.toString())
            .assertSuccess().stdout();
    }

    /** A complete mail from {@code signer} to {@code to}: the MIME entity clear-signed (SHA-256), not encrypted. */
    public byte[] sign(byte[] entity, OpenSslPki.Identity signer, String to, String subject) throws IOException {
        Path in = Files.write(Files.createTempFile(work, "entity", ".eml"), entity);
        return openssl.run(work, null, "cms", "-sign", "-in", in.toString(), "-signer", signer.certificate().toString(),
            "-inkey", signer.privateKey().toString(), "-md", "sha256", "-from", signer.address(), "-to", to,
            "-subject", subject).assertSuccess().stdout();
    }

    /** A complete mail with {@code entity} encrypted (AES-128-CBC) for {@code recipientCertificate}, unsigned. */
    public byte[] encrypt(byte[] entity, Path recipientCertificate, String from, String to, String subject) throws IOException {
        Path in = Files.write(Files.createTempFile(work, "entity", ".eml"), entity);
        return openssl.run(work, null, "cms", "-encrypt", "-in", in.toString(), "-aes128", "-from", from, "-to", to,
            "-subject", subject, recipientCertificate.toString()).assertSuccess().stdout();
    }

    /** {@code entity} encrypted (AES-128-CBC) for {@code recipientCertificate}, as a MIME entity without mail headers. */
    public byte[] envelope(byte[] entity, Path recipientCertificate) throws IOException {
        Path in = Files.write(Files.createTempFile(work, "entity", ".eml"), entity);
        return openssl.run(work, null, "cms", "-encrypt", "-in", in.toString(), "-aes128", recipientCertificate.toString())
            .assertSuccess().stdout();
    }

    /** Decrypts an S/MIME message with the recipient's key; the result is the inner MIME entity. */
    public ExternalTool.Result decrypt(byte[] message, OpenSslPki.Identity recipient) {
        return openssl.run(work, message, "cms", "-decrypt", "-recip", recipient.certificate().toString(),
            "-inkey", recipient.privateKey().toString());
    }

    /** Verifies an S/MIME signed message to {@code caCertificate}; stdout is the signed content. */
    public ExternalTool.Result verify(byte[] message, Path caCertificate) {
        return openssl.run(work, message, "cms", "-verify", "-CAfile", caCertificate.toString(), "-purpose", "smimesign");
    }
}
