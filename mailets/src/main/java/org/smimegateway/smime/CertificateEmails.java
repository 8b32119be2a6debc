package org.smimegateway.smime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;

/** The e-mail addresses a certificate is issued to: rfc822Name subject alternative names, then emailAddress in the DN. */
public final class CertificateEmails {
    private CertificateEmails() {
    }

    /** Each address once (lower case), in the order found: SAN first, then the subject DN. */
    public static List<String> of(X509CertificateHolder holder) {
        Set<String> emails = new LinkedHashSet<>();
        GeneralNames names = GeneralNames.fromExtensions(holder.getExtensions(), Extension.subjectAlternativeName);
        if (names != null) {
            for (GeneralName name : names.getNames()) {
                if (name.getTagNo() == GeneralName.rfc822Name) {
                    emails.add(((ASN1String) name.getName()).getString().toLowerCase(Locale.ROOT));
                }
            }
        }
        for (RDN rdn : holder.getSubject().getRDNs(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
            emails.add(((ASN1String) rdn.getFirst().getValue()).getString().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(emails);
    }
}
