package org.smimegateway.admin.certificates;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.smimegateway.keystore.CertificateProfile;

/**
 * A certificate as operators see it (WebAdmin JSON, CLI listings): names, serial in lower-case hex, validity in
 * ISO-8601, addresses, key usage, SHA-256 fingerprint, where the gateway has it from and the file it is in.
 *
 * @param source {@code file} (certs/, keys/, anchors/, intermediates/ of the file store), {@code harvested} (taken
 *               from signed mail), {@code published} (published to LDAP, file copy kept out of the gateway's reach)
 *               or {@code ldap} (not in the file store: another source of the keystore answered)
 * @param file   the store file, relative to the store directory; null when not from the file store
 */
public record CertificateView(String subject, String issuer, String serial, String notBefore, String notAfter,
                              List<String> addresses, List<String> keyUsage, boolean ca, String sha256,
                              String source, String file) {
    private static final String[] KEY_USAGE = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    public static CertificateView of(X509Certificate certificate, String source, String file) {
        return new CertificateView(DistinguishedNames.readable(certificate.getSubjectX500Principal()),
            DistinguishedNames.readable(certificate.getIssuerX500Principal()), certificate.getSerialNumber().toString(16),
            certificate.getNotBefore().toInstant().toString(), certificate.getNotAfter().toInstant().toString(),
            CertificateProfile.addresses(certificate).stream().sorted().toList(), keyUsage(certificate),
            certificate.getBasicConstraints() >= 0, Fingerprints.sha256(certificate), source, file);
    }

    private static List<String> keyUsage(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        List<String> names = new ArrayList<>();
        if (bits != null) {
            for (int i = 0; i < bits.length && i < KEY_USAGE.length; i++) {
                if (bits[i]) {
                    names.add(KEY_USAGE[i]);
                }
            }
        }
        return List.copyOf(names);
    }
}
