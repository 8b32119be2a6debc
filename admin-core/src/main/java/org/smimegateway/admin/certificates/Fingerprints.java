package org.smimegateway.admin.certificates;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 fingerprints in lower-case hex, the identifier operators use for certificates and CRLs. */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String sha256(X509Certificate certificate) {
        try {
            return sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate", e);
        }
    }

    public static String sha256(X509CRL crl) {
        try {
            return sha256(crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode a CRL", e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * A fingerprint as an operator may type it (upper case, with colons or spaces, as openssl prints it), normalised;
     * refused when it is not 64 hex digits.
     */
    public static String normalise(String fingerprint) {
        String hex = fingerprint == null ? "" : fingerprint.replaceAll("[:\\s]", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw AdminProblem.badInput("'" + fingerprint + "' is not a SHA-256 fingerprint (64 hex digits)");
        }
        return hex;
    }
}
