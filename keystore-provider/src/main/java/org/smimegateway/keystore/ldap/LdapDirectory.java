package org.smimegateway.keystore.ldap;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.codec.CertificateCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP operations the store needs, each turning directory trouble into {@link Lookup.Unavailable} rather than
 * an exception: mail processing must be able to hold a message when the directory is down. The pool is created on
 * first use and re-created after a failure, so a directory that comes back is used again without a restart.
 */
final class LdapDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);
    /** RFC 4523 / RFC 2798 attributes that can hold a user's certificates. */
    private static final Set<String> USER_ATTRIBUTES = Set.of("usersmimecertificate", "usercertificate");
    private static final String[] USER_REQUESTED = {"userSMIMECertificate", "userCertificate;binary",
        "userCertificate"};
    private static final String[] CA_REQUESTED = {"cACertificate;binary", "cACertificate",
        "certificateRevocationList;binary", "certificateRevocationList"};

    private static final long RETRY_DELAY_NANOS = 2_000_000_000L;

    private final LdapSettings settings;
    private LDAPConnectionPool pool;
    private long downSince;

    LdapDirectory(LdapSettings settings) {
        this.settings = settings;
    }

    String describe() {
        return "ldap:" + String.join(",", settings.servers()) + "/" + settings.baseDn();
    }

    /** The certificates of every entry matching the user filter for {@code address}. */
    Lookup<List<X509Certificate>> userCertificates(String address) {
        Filter filter;
        try {
            filter = userFilter(address);
        } catch (LDAPException e) {
            return Lookup.notFound("filter error for " + address + ": " + e.getMessage());
        }
        Lookup<List<SearchResultEntry>> entries = search(settings.baseDn(), filter, USER_REQUESTED);
        if (entries instanceof Lookup.Unavailable<List<SearchResultEntry>> down) {
            return Lookup.unavailable(down.reason());
        }
        if (!(entries instanceof Lookup.Found<List<SearchResultEntry>> found)) {
            return Lookup.notFound(address + " not in directory");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (SearchResultEntry entry : found.value()) {
            for (Attribute attribute : entry.getAttributes()) {
                if (USER_ATTRIBUTES.contains(attribute.getBaseName().toLowerCase(Locale.ROOT))) {
                    for (byte[] value : attribute.getValueByteArrays()) {
                        try {
                            certificates.addAll(CertificateCodec.certificates(value));
                        } catch (GeneralSecurityException e) {
                            LOG.warn("Unreadable {} value in {}: {}", attribute.getName(), entry.getDN(),
                                e.getMessage());
                        }
                    }
                }
            }
        }
        return certificates.isEmpty() ? Lookup.notFound("no certificate for " + address + " in the directory")
            : Lookup.found(List.copyOf(certificates));
    }

    /** CA certificates and CRLs of every CA entry. */
    Lookup<CaMaterial> caMaterial() {
        Filter filter;
        try {
            filter = Filter.create(settings.caFilter());
        } catch (LDAPException e) {
            return Lookup.notFound("invalid CA filter: " + e.getMessage());
        }
        Lookup<List<SearchResultEntry>> entries = search(settings.caBaseDn(), filter, CA_REQUESTED);
        if (entries instanceof Lookup.Unavailable<List<SearchResultEntry>> down) {
            return Lookup.unavailable(down.reason());
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        if (entries instanceof Lookup.Found<List<SearchResultEntry>> found) {
            for (SearchResultEntry entry : found.value()) {
                for (Attribute attribute : entry.getAttributes()) {
                    String name = attribute.getBaseName().toLowerCase(Locale.ROOT);
                    for (byte[] value : attribute.getValueByteArrays()) {
                        try {
                            if (name.equals("cacertificate")) {
                                certificates.addAll(CertificateCodec.certificates(value));
                            } else if (name.equals("certificaterevocationlist")) {
                                crls.addAll(CertificateCodec.crls(value));
                            }
                        } catch (GeneralSecurityException e) {
                            LOG.warn("Unreadable {} value in {}: {}", attribute.getName(), entry.getDN(),
                                e.getMessage());
                        }
                    }
                }
            }
        }
        return Lookup.found(new CaMaterial(certificates, crls));
    }

    /** Adds {@code certificate} to the entry of {@code address}; NotFound when there is no single such entry. */
    Lookup<String> addCertificate(String address, X509Certificate certificate) {
        Lookup<List<SearchResultEntry>> entries;
        try {
            entries = search(settings.baseDn(), userFilter(address), "1.1");
        } catch (LDAPException e) {
            return Lookup.notFound("filter error: " + e.getMessage());
        }
        if (entries instanceof Lookup.Unavailable<List<SearchResultEntry>> down) {
            return Lookup.unavailable(down.reason());
        }
        if (!(entries instanceof Lookup.Found<List<SearchResultEntry>> found) || found.value().size() != 1) {
            return Lookup.notFound("write-back needs exactly one directory entry for " + address);
        }
        String dn = found.value().get(0).getDN();
        try {
            byte[] der = certificate.getEncoded();
            pool().modify(dn, new Modification(ModificationType.ADD, settings.writeBackAttribute(), der));
            return Lookup.found(dn);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS) {
                return Lookup.found(dn);
            }
            return failure("write-back to " + dn, e);
        } catch (GeneralSecurityException e) {
            return Lookup.notFound("certificate cannot be encoded: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    private Filter userFilter(String address) throws LDAPException {
        return Filter.create(settings.filter().replace("{0}", Filter.encodeValue(address)));
    }

    private Lookup<List<SearchResultEntry>> search(String base, Filter filter, String... attributes) {
        try {
            SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
            request.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
            SearchResult result = pool().search(request);
            return result.getEntryCount() == 0 ? Lookup.notFound("no entry")
                : Lookup.found(List.copyOf(result.getSearchEntries()));
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Lookup.notFound("base DN " + base + " does not exist");
            }
            return failure("search under " + base, e);
        } catch (LDAPException e) {
            return failure("search under " + base, e);
        }
    }

    private <T> Lookup<T> failure(String what, LDAPException e) {
        LOG.warn("Directory {} unavailable for {}: {} ({})", describe(), what, e.getResultCode(),
            e.getDiagnosticMessage() == null ? e.getMessage() : e.getDiagnosticMessage());
        if (e.getResultCode().isConnectionUsable()) {
            return Lookup.unavailable("directory error on " + what + ": " + e.getResultCode());
        }
        dropPool();
        return Lookup.unavailable("directory unavailable on " + what + ": " + e.getResultCode());
    }

    private synchronized LDAPConnectionPool pool() throws LDAPException {
        if (pool == null) {
            // After a failed connect, answer "unavailable" at once for a moment instead of making every message
            // wait for the connect time-out of a directory we just found down.
            if (System.nanoTime() - downSince < RETRY_DELAY_NANOS && downSince != 0) {
                throw new LDAPException(ResultCode.SERVER_DOWN, "directory was unreachable moments ago");
            }
            try {
                pool = LdapConnector.connect(settings);
                downSince = 0;
            } catch (LDAPException e) {
                downSince = System.nanoTime();
                throw e;
            }
        }
        return pool;
    }

    private synchronized void dropPool() {
        close();
    }
}
