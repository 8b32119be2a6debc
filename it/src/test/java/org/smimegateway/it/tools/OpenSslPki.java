package org.smimegateway.it.tools;

import org.smimegateway.keystore.testing.ExternalTool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small PKI made by OpenSSL for the integration tests: one root CA and S/MIME end-entity certificates for
 * e-mail addresses (RSA 2048, digitalSignature + keyEncipherment, emailProtection, SAN rfc822Name). The James
 * side of a test never shares code with the side that makes its keys.
 */
public final class OpenSslPki {
    private final ExternalTool openssl;
    private final Path dir;

    private OpenSslPki(ExternalTool openssl, Path dir) {
        this.openssl = openssl;
        this.dir = dir;
    }

    /** Creates the root CA in {@code dir}. */
    public static OpenSslPki create(Path dir, String caName) throws IOException {
        ExternalTool openssl = ExternalTool.require("openssl", "openssl");
        Files.createDirectories(dir);
        OpenSslPki pki = new OpenSslPki(openssl, dir);
        openssl.run(dir, null, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
            "-subj", "/O=smime-gateway tests/CN=" + caName,
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", "ca.key", "-out", "ca.pem").assertSuccess();
        return pki;
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    /** Issues a certificate for {@code address}; returns its files. */
    public Identity issue(String address) throws IOException {
        return issue(address, 825);
    }

    /** Issues a certificate for {@code address} valid from now for {@code days} days. */
    public Identity issue(String address, int days) throws IOException {
        String name = address.replace('@', '_');
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, "basicConstraints=critical,CA:FALSE\n"
            + "keyUsage=critical,digitalSignature,keyEncipherment\n"
            + "extendedKeyUsage=emailProtection\n"
            + "subjectAltName=email:" + address + "\n"
            + "subjectKeyIdentifier=hash\n"
            + "authorityKeyIdentifier=keyid\n");
        openssl.run(dir, null, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + address + "/emailAddress=" + address,
            "-keyout", name + ".key", "-out", name + ".csr").assertSuccess();
        openssl.run(dir, null, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
            "-CAcreateserial", "-days", String.valueOf(days), "-sha256", "-extfile", name + ".ext", "-out", name + ".pem").assertSuccess();
        openssl.run(dir, null, "pkcs12", "-export", "-inkey", name + ".key", "-in", name + ".pem", "-certfile", "ca.pem",
            "-passout", "pass:" + name, "-name", address, "-out", name + ".p12").assertSuccess();
        return new Identity(address, dir.resolve(name + ".pem"), dir.resolve(name + ".key"), dir.resolve(name + ".p12"), name);
    }

    /** The files of one issued identity; the PKCS#12 password is {@code p12Password}. */
    public record Identity(String address, Path certificate, Path privateKey, Path pkcs12, String p12Password) {
    }
}
