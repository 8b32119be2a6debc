package org.smimegateway.admin.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.keystore.ldap.LdapConnector;

/**
 * Writes a CA's certificate and current CRL into its directory entry. Both values are replaced in one modify
 * operation, which LDAP applies atomically: a reader sees the old CRL or the new one, never none and never two. An
 * absent entry is created as {@code cRLDistributionPoint} + {@code pkiCA} (both in OpenLDAP's core schema, RFC 4523),
 * which needs a {@code cn=} RDN; its parent must exist. An existing entry without a CA object class gets the
 * auxiliary {@code pkiCA} in the same operation.
 */
public final class LdapCrlPublisher {

    public static final String CRL_ATTRIBUTE = "certificateRevocationList;binary";
    public static final String CA_CERTIFICATE_ATTRIBUTE = "cACertificate;binary";

    private static final Logger LOG = LoggerFactory.getLogger(LdapCrlPublisher.class);

    /** One entry written: its DN and whether this run created it. */
    public record Written(String dn, boolean created) {
    }

    private final LDAPInterface directory;

    public LdapCrlPublisher(LDAPInterface directory) {
        this.directory = directory;
    }

    /** Publishes the issuing CA (and the root, if the target names its entry) over a fresh connection. */
    public static List<Written> publish(LdapTarget target, CaMaterial ca, CrlPublication.Published crls) {
        try (LDAPConnectionPool pool = LdapConnector.connect(target.connection())) {
            LdapCrlPublisher publisher = new LdapCrlPublisher(pool);
            List<Written> written = new ArrayList<>();
            written.add(publisher.publish(target.issuingDn(), ca.intermediate(), crls.intermediateCrl()));
            if (target.rootDn().isPresent()) {
                written.add(publisher.publish(target.rootDn().get(), ca.root(), crls.rootCrl()));
            }
            return written;
        } catch (LDAPException e) {
            throw new IllegalStateException("cannot connect or bind to the directory " + target.connection().servers()
                + ": " + describe(e));
        }
    }

    /** Puts exactly {@code crl} and {@code caCertificate} into the entry {@code dn}. */
    public Written publish(String dn, X509Certificate caCertificate, X509CRL crl) {
        byte[] certificate;
        byte[] list;
        try {
            certificate = caCertificate.getEncoded();
            list = crl.getEncoded();
        } catch (CertificateEncodingException | CRLException e) {
            throw new IllegalStateException("cannot encode what is published", e);
        }
        try {
            Entry existing = directory.getEntry(dn, "objectClass");
            if (existing == null) {
                try {
                    directory.add(newEntry(dn, certificate, list));
                    LOG.info("created CA entry {} with its certificate and CRL", dn);
                    return new Written(dn, true);
                } catch (LDAPException e) {
                    if (e.getResultCode() != ResultCode.ENTRY_ALREADY_EXISTS) {
                        throw e;
                    }
                    // Created by someone else meanwhile: replace its values like any existing entry.
                    existing = directory.getEntry(dn, "objectClass");
                }
            }
            List<Modification> changes = new ArrayList<>();
            if (!existing.hasObjectClass("pkiCA") && !existing.hasObjectClass("certificationAuthority")) {
                changes.add(new Modification(ModificationType.ADD, "objectClass", "pkiCA"));
            }
            changes.add(new Modification(ModificationType.REPLACE, CA_CERTIFICATE_ATTRIBUTE, certificate));
            changes.add(new Modification(ModificationType.REPLACE, CRL_ATTRIBUTE, list));
            directory.modify(dn, changes);
            LOG.info("replaced certificate and CRL of CA entry {}", dn);
            return new Written(dn, false);
        } catch (LDAPException e) {
            throw new IllegalStateException("LDAP publication to " + dn + " failed: " + describe(e));
        }
    }

    private static Entry newEntry(String dn, byte[] certificate, byte[] crl) throws LDAPException {
        RDN rdn = new DN(dn).getRDN();
        if (rdn == null || rdn.isMultiValued() || !rdn.hasAttribute("cn")) {
            throw new IllegalArgumentException("the CA entry " + dn + " does not exist; to create it, give it a cn= "
                + "RDN (cRLDistributionPoint requires cn), or create it beforehand");
        }
        return new Entry(dn, List.of(
            new Attribute("objectClass", "top", "cRLDistributionPoint", "pkiCA"),
            new Attribute("cn", rdn.getAttributeValues()[0]),
            new Attribute(CA_CERTIFICATE_ATTRIBUTE, certificate),
            new Attribute(CRL_ATTRIBUTE, crl)));
    }

    private static String describe(LDAPException e) {
        String detail = e.getDiagnosticMessage() == null ? e.getExceptionMessage() : e.getDiagnosticMessage();
        return e.getResultCode() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
    }
}
