package org.smimegateway.keystore;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * What an S/MIME certificate says about itself: the mail addresses it is issued for, whether it may sign or encrypt
 * mail, and its validity window. Trust is not this class's business; see the {@code trust} package.
 */
public final class CertificateProfile {
    private static final String EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;
    private static final ASN1ObjectIdentifier SUBJECT_KEY_IDENTIFIER = new ASN1ObjectIdentifier("2.5.29.14");

    private CertificateProfile() {
    }

    /** The rfc822Name subject alternative names and emailAddress attributes of the subject, lower-cased. */
    public static Set<String> addresses(X509Certificate certificate) {
        Set<String> result = new LinkedHashSet<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    if (Integer.valueOf(1).equals(name.get(0)) && name.get(1) instanceof String value) {
                        result.add(value.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A broken SAN extension names no address; the DN may still do.
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.EmailAddress)) {
            result.add(IETFUtils.valueToString(rdn.getFirst().getValue()).trim().toLowerCase(Locale.ROOT));
        }
        return result;
    }

    /**
     * Whether the certificate is issued for {@code normalized} (or its untagged form), or, for a domain-level store
     * key, for any address of that domain.
     */
    public static boolean matches(X509Certificate certificate, String normalized, String storeKey) {
        Set<String> addresses = addresses(certificate);
        if (addresses.contains(normalized) || Addresses.untagged(normalized).filter(addresses::contains).isPresent()) {
            return true;
        }
        if (Addresses.isDomainKey(storeKey)) {
            String domain = Addresses.domain(normalized);
            return addresses.stream().anyMatch(a -> a.equals(domain) || a.endsWith("@" + domain));
        }
        return false;
    }

    /** Why the certificate is not valid at {@code now}, or empty when it is. */
    public static Optional<String> validityProblem(X509Certificate certificate, Instant now) {
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of("expired on " + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of("not valid before " + certificate.getNotBefore().toInstant());
        }
        return Optional.empty();
    }

    /** Why the certificate may not sign mail (key usage, extended key usage), or empty when it may. */
    public static Optional<String> signingProblem(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && !bit(usage, DIGITAL_SIGNATURE) && !bit(usage, NON_REPUDIATION)) {
            return Optional.of("key usage allows neither digitalSignature nor nonRepudiation");
        }
        return emailProtectionProblem(certificate);
    }

    /** Why the certificate's key may not be used to encrypt mail for its owner, or empty when it may. */
    public static Optional<String> encryptionProblem(X509Certificate certificate) {
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null) {
            boolean ec = certificate.getPublicKey().getAlgorithm().startsWith("EC")
                || certificate.getPublicKey().getAlgorithm().startsWith("X");
            boolean allowed = ec ? bit(usage, KEY_AGREEMENT) : bit(usage, KEY_ENCIPHERMENT);
            if (!allowed) {
                return Optional.of("key usage does not allow " + (ec ? "keyAgreement" : "keyEncipherment"));
            }
        }
        return emailProtectionProblem(certificate);
    }

    /** The subjectKeyIdentifier extension value, if present. */
    public static Optional<byte[]> subjectKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(SUBJECT_KEY_IDENTIFIER.getId());
        if (extension == null) {
            return Optional.empty();
        }
        return Optional.of(SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets())
            .getKeyIdentifier());
    }

    /** A short human description for logs and decision traces. */
    public static String describe(X509Certificate certificate) {
        X500Principal subject = certificate.getSubjectX500Principal();
        return subject.getName() + " #" + certificate.getSerialNumber().toString(16);
    }

    private static Optional<String> emailProtectionProblem(X509Certificate certificate) {
        List<String> purposes;
        try {
            purposes = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return Optional.of("unreadable extended key usage");
        }
        if (purposes != null && !purposes.contains(EMAIL_PROTECTION) && !purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
            return Optional.of("extended key usage lacks emailProtection");
        }
        return Optional.empty();
    }

    private static boolean bit(boolean[] usage, int index) {
        return usage.length > index && usage[index];
    }
}
