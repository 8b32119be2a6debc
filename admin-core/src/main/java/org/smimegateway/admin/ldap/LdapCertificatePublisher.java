package org.smimegateway.admin.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.ldap.LdapConnector;
import org.smimegateway.keystore.ldap.LdapSettings;

/**
 * Publishes a user's certificate in the directory entry the gateway's LDAP store finds for the address: the entry
 * matching {@code (mail=<address>)} under a base DN. The certificate is added to the chosen attributes
 * ({@code userCertificate;binary}: the DER certificate, RFC 4523; {@code userSMIMECertificate}: a certs-only PKCS#7
 * holding it, RFC 2798), next to the certificates already there, so a renewed certificate and the one it replaces
 * are both found until the old one expires; publishing the same certificate twice changes nothing. Without an entry
 * one is created as {@code inetOrgPerson} {@code cn=<address>,<base>} (OpenLDAP's core, cosine and inetorgperson
 * schemas); two entries for one address are refused, since the gateway could not tell which one counts.
 */
public final class LdapCertificatePublisher {

    /** The attributes the gateway's LDAP store reads user certificates from. */
    public enum CertificateAttribute {
        USER_CERTIFICATE("userCertificate;binary"),
        USER_SMIME_CERTIFICATE("userSMIMECertificate");

        private final String ldapName;

        CertificateAttribute(String ldapName) {
            this.ldapName = ldapName;
        }

        public String ldapName() {
            return ldapName;
        }

        byte[] value(X509Certificate certificate) {
            try {
                if (this == USER_CERTIFICATE) {
                    return certificate.getEncoded();
                }
                CMSSignedDataGenerator certsOnly = new CMSSignedDataGenerator();
                certsOnly.addCertificates(new JcaCertStore(List.of(certificate)));
                return certsOnly.generate(new CMSAbsentContent()).getEncoded();
            } catch (CertificateEncodingException | CMSException | IOException e) {
                throw new IllegalStateException("cannot encode the certificate for " + ldapName, e);
            }
        }
    }

    /** What one publication did: the entry, whether it was created, and the attributes that gained the value. */
    public record Published(String dn, boolean created, List<String> addedTo) {
        public String summary() {
            return (created ? "created " : "updated ") + dn + (addedTo.isEmpty() ? " (already published)"
                : ": " + String.join(", ", addedTo));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(LdapCertificatePublisher.class);

    private final LDAPInterface directory;
    private final String baseDn;

    public LdapCertificatePublisher(LDAPInterface directory, String baseDn) {
        if (baseDn == null || !DN.isValidDN(baseDn)) {
            throw new IllegalArgumentException("the people base is not a valid DN: " + baseDn);
        }
        this.directory = directory;
        this.baseDn = baseDn;
    }

    /** Publishes over a fresh connection made from {@code connection}. */
    public static Published publish(LdapSettings connection, String baseDn, String address,
                                    X509Certificate certificate, List<CertificateAttribute> attributes) {
        try (LDAPConnectionPool pool = LdapConnector.connect(connection)) {
            return new LdapCertificatePublisher(pool, baseDn).publish(address, certificate, attributes);
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot connect or bind to the directory " + connection.servers() + ": "
                + describe(e));
        }
    }

    public Published publish(String address, X509Certificate certificate, List<CertificateAttribute> attributes) {
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("no attribute to publish the certificate in");
        }
        String[] requested = attributes.stream().map(CertificateAttribute::ldapName).toArray(String[]::new);
        try {
            SearchResult found = directory.search(baseDn, SearchScope.SUB,
                Filter.createEqualityFilter("mail", address), requested);
            List<SearchResultEntry> entries = found.getSearchEntries();
            if (entries.size() > 1) {
                throw new IllegalStateException(entries.size() + " entries under " + baseDn + " have mail=" + address
                    + "; the gateway needs exactly one");
            }
            if (entries.isEmpty()) {
                return create(address, certificate, attributes);
            }
            Entry entry = entries.get(0);
            List<Modification> changes = new ArrayList<>();
            List<String> addedTo = new ArrayList<>();
            for (CertificateAttribute attribute : attributes) {
                byte[] value = attribute.value(certificate);
                if (!holds(entry, attribute, certificate, value)) {
                    changes.add(new Modification(ModificationType.ADD, attribute.ldapName(), value));
                    addedTo.add(attribute.ldapName());
                }
            }
            if (!changes.isEmpty()) {
                directory.modify(entry.getDN(), changes);
            }
            LOG.info("certificate serial {} for {} published in {}: {}", certificate.getSerialNumber().toString(16),
                address, entry.getDN(), addedTo.isEmpty() ? "already there" : addedTo);
            return new Published(entry.getDN(), false, List.copyOf(addedTo));
        } catch (LDAPException e) {
            throw new IllegalStateException("publishing the certificate of " + address + " under " + baseDn
                + " failed: " + describe(e));
        }
    }

    /** The same DER certificate, or (userSMIMECertificate) the same encoded PKCS#7, is already a value. */
    private static boolean holds(Entry entry, CertificateAttribute attribute, X509Certificate certificate,
                                 byte[] value) throws LDAPException {
        Attribute existing = entry.getAttribute(attribute.ldapName());
        if (existing == null) {
            return false;
        }
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the certificate", e);
        }
        for (byte[] present : existing.getValueByteArrays()) {
            if (Arrays.equals(present, value) || Arrays.equals(present, der)) {
                return true;
            }
        }
        return false;
    }

    private Published create(String address, X509Certificate certificate, List<CertificateAttribute> attributes)
        throws LDAPException {
        String dn = new DN(new RDN("cn", address), new DN(baseDn)).toString();
        List<Attribute> values = new ArrayList<>(List.of(
            new Attribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson"),
            new Attribute("cn", address),
            new Attribute("sn", address.substring(0, Math.max(1, address.indexOf('@'))).toLowerCase(Locale.ROOT)),
            new Attribute("mail", address)));
        List<String> addedTo = new ArrayList<>();
        for (CertificateAttribute attribute : attributes) {
            values.add(new Attribute(attribute.ldapName(), attribute.value(certificate)));
            addedTo.add(attribute.ldapName());
        }
        directory.add(new Entry(dn, values));
        LOG.info("certificate serial {} for {} published in new entry {}", certificate.getSerialNumber().toString(16),
            address, dn);
        return new Published(dn, true, List.copyOf(addedTo));
    }

    private static String describe(LDAPException e) {
        String detail = e.getDiagnosticMessage() == null ? e.getExceptionMessage() : e.getDiagnosticMessage();
        return e.getResultCode() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
    }
}
