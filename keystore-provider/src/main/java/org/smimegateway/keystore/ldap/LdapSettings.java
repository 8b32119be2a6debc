package org.smimegateway.keystore.ldap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach and read the directory. Built by the configuration loader; {@link #defaults(List, String)} gives the
 * defaults documented in the module README.
 *
 * @param servers               {@code host:port} pairs tried in order (fail-over)
 * @param tls                   connection protection
 * @param trustedCertificates   PEM file with the CA certificates that may sign the server's TLS certificate; null
 *                              uses the JVM's default trust store
 * @param bindDn                DN to bind as; null binds anonymously
 * @param bindPassword          password of {@code bindDn}
 * @param baseDn                where user entries are searched
 * @param filter                user search filter; {@code {0}} is replaced by the escaped address
 * @param caBaseDn              where CA entries (cACertificate, certificateRevocationList) are searched
 * @param caFilter              CA entry filter
 * @param poolSize              maximum pooled connections
 * @param connectTimeout        connect time-out
 * @param responseTimeout       time-out for each operation
 * @param cacheTtl              how long found certificates are reused
 * @param negativeCacheTtl      how long "no certificate" answers are reused
 * @param cacheMaxEntries       bound on cached addresses
 * @param writeBack             whether harvested certificates are added to the user's entry
 * @param writeBackAttribute    the attribute harvested certificates are added to
 */
public record LdapSettings(List<String> servers, TlsMode tls, Path trustedCertificates, String bindDn,
                           String bindPassword, String baseDn, String filter, String caBaseDn, String caFilter,
                           int poolSize, Duration connectTimeout, Duration responseTimeout, Duration cacheTtl,
                           Duration negativeCacheTtl, int cacheMaxEntries, boolean writeBack,
                           String writeBackAttribute) {

    public static final String DEFAULT_FILTER = "(mail={0})";
    public static final String DEFAULT_CA_FILTER = "(|(objectClass=pkiCA)(objectClass=certificationAuthority))";
    public static final String DEFAULT_WRITE_BACK_ATTRIBUTE = "userCertificate;binary";

    public LdapSettings {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one LDAP server is required");
        }
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(baseDn, "baseDn");
        if (!filter.contains("{0}")) {
            throw new IllegalArgumentException("filter must contain {0} for the address: " + filter);
        }
        caBaseDn = caBaseDn == null ? baseDn : caBaseDn;
        Objects.requireNonNull(caFilter, "caFilter");
        if (poolSize < 1 || cacheMaxEntries < 1) {
            throw new IllegalArgumentException("poolSize and cacheMaxEntries must be positive");
        }
        Objects.requireNonNull(writeBackAttribute, "writeBackAttribute");
        if (bindDn != null && bindPassword == null) {
            throw new IllegalArgumentException("bindDn needs a bindPassword");
        }
    }

    /** Defaults: plain LDAP, anonymous, {@code (mail={0})}, pool of 4, 5 s time-outs, 10 min / 2 min cache. */
    public static LdapSettings defaults(List<String> servers, String baseDn) {
        return new LdapSettings(servers, TlsMode.NONE, null, null, null, baseDn, DEFAULT_FILTER, null,
            DEFAULT_CA_FILTER, 4, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(10),
            Duration.ofMinutes(2), 10_000, false, DEFAULT_WRITE_BACK_ATTRIBUTE);
    }

    /** A copy binding as {@code dn} with {@code password}. */
    public LdapSettings withBind(String dn, String password) {
        return new LdapSettings(servers, tls, trustedCertificates, dn, password, baseDn, filter, caBaseDn, caFilter,
            poolSize, connectTimeout, responseTimeout, cacheTtl, negativeCacheTtl, cacheMaxEntries, writeBack,
            writeBackAttribute);
    }

    /** A copy with write-back of harvested certificates switched {@code on} or off. */
    public LdapSettings withWriteBack(boolean on) {
        return new LdapSettings(servers, tls, trustedCertificates, bindDn, bindPassword, baseDn, filter, caBaseDn,
            caFilter, poolSize, connectTimeout, responseTimeout, cacheTtl, negativeCacheTtl, cacheMaxEntries, on,
            writeBackAttribute);
    }

    /** A copy with these TLS settings. */
    public LdapSettings withTls(TlsMode mode, Path trusted) {
        return new LdapSettings(servers, mode, trusted, bindDn, bindPassword, baseDn, filter, caBaseDn, caFilter,
            poolSize, connectTimeout, responseTimeout, cacheTtl, negativeCacheTtl, cacheMaxEntries, writeBack,
            writeBackAttribute);
    }

    /** A copy with these cache lifetimes. */
    public LdapSettings withCache(Duration ttl, Duration negativeTtl, int maxEntries) {
        return new LdapSettings(servers, tls, trustedCertificates, bindDn, bindPassword, baseDn, filter, caBaseDn,
            caFilter, poolSize, connectTimeout, responseTimeout, ttl, negativeTtl, maxEntries, writeBack,
            writeBackAttribute);
    }

    /** A copy with these time-outs. */
    public LdapSettings withTimeouts(Duration connect, Duration response) {
        return new LdapSettings(servers, tls, trustedCertificates, bindDn, bindPassword, baseDn, filter, caBaseDn,
            caFilter, poolSize, connect, response, cacheTtl, negativeCacheTtl, cacheMaxEntries, writeBack,
            writeBackAttribute);
    }

    @Override
    public String toString() {
        // Never print the bind password.
        return "LdapSettings[servers=" + servers + ", tls=" + tls + ", bindDn=" + bindDn + ", baseDn=" + baseDn
            + ", filter=" + filter + ", caBaseDn=" + caBaseDn + ", writeBack=" + writeBack + "]";
    }
}
