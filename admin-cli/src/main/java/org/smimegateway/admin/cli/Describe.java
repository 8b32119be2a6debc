package org.smimegateway.admin.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/** Human-readable text for certificates and CRLs, for {@code inspect} and {@code list}. */
final class Describe {

    private static final String[] KEY_USAGES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private Describe() {
    }

    /** A distinguished name as text: RFC 2253 order and escaping, common types by name rather than OID and hex. */
    static String name(X500Principal principal) {
        return org.smimegateway.admin.certificates.DistinguishedNames.readable(principal);
    }

    static String subject(X509Certificate certificate) {
        return name(certificate.getSubjectX500Principal());
    }

    static String certificate(X509Certificate certificate) {
        StringBuilder text = new StringBuilder();
        text.append("subject:     ").append(subject(certificate)).append('\n');
        text.append("issuer:      ").append(name(certificate.getIssuerX500Principal())).append('\n');
        text.append("serial:      ").append(certificate.getSerialNumber().toString(16)).append('\n');
        text.append("valid:       ").append(certificate.getNotBefore().toInstant()).append(" .. ")
            .append(certificate.getNotAfter().toInstant()).append('\n');
        text.append("key:         ").append(certificate.getPublicKey().getAlgorithm()).append(", signed ")
            .append(certificate.getSigAlgName()).append('\n');
        text.append("CA:          ").append(certificate.getBasicConstraints() >= 0).append('\n');
        text.append("key usage:   ").append(String.join(", ", keyUsages(certificate))).append('\n');
        text.append("ext. usage:  ").append(extendedKeyUsages(certificate)).append('\n');
        text.append("e-mail:      ").append(String.join(", ", emailAddresses(certificate))).append('\n');
        text.append("sha-256:     ").append(fingerprint(certificate)).append('\n');
        return text.toString();
    }

    static String crl(X509CRL crl) {
        StringBuilder text = new StringBuilder();
        text.append("issuer:      ").append(name(crl.getIssuerX500Principal())).append('\n');
        text.append("this update: ").append(crl.getThisUpdate().toInstant()).append('\n');
        text.append("next update: ").append(Optional.ofNullable(crl.getNextUpdate()).map(d -> d.toInstant().toString())
            .orElse("-")).append('\n');
        text.append("signed:      ").append(crl.getSigAlgName()).append('\n');
        var entries = crl.getRevokedCertificates();
        text.append("revoked:     ").append(entries == null ? 0 : entries.size()).append('\n');
        if (entries != null) {
            for (X509CRLEntry entry : entries) {
                text.append("  ").append(entry.getSerialNumber().toString(16)).append(' ')
                    .append(entry.getRevocationDate().toInstant())
                    .append(Optional.ofNullable(entry.getRevocationReason()).map(r -> " " + r).orElse(""))
                    .append('\n');
            }
        }
        return text.toString();
    }

    static List<String> keyUsages(X509Certificate certificate) {
        boolean[] bits = certificate.getKeyUsage();
        List<String> names = new ArrayList<>();
        for (int i = 0; bits != null && i < bits.length && i < KEY_USAGES.length; i++) {
            if (bits[i]) {
                names.add(KEY_USAGES[i]);
            }
        }
        return names;
    }

    static String extendedKeyUsages(X509Certificate certificate) {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages == null) {
                return "-";
            }
            return String.join(", ", usages.stream()
                .map(oid -> oid.equals("1.3.6.1.5.5.7.3.4") ? "emailProtection" : oid).toList());
        } catch (CertificateParsingException e) {
            return "unreadable";
        }
    }

    static List<String> emailAddresses(X509Certificate certificate) {
        List<String> addresses = new ArrayList<>();
        try {
            var names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(1).equals(name.get(0))) {
                        addresses.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            addresses.add("unreadable");
        }
        return addresses;
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint", e);
        }
    }

    static byte[] der(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL", e);
        }
    }
}
