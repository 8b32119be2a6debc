package org.smimegateway.admin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.smimegateway.keystore.ldap.LdapSettings;
import org.smimegateway.keystore.ldap.TlsMode;

/**
 * Where the CA material goes in a directory.
 *
 * @param connection  how to reach and bind to the directory (its search settings are unused); its
 *                    {@code toString()} never shows the password
 * @param issuingDn   the entry of the issuing (intermediate) CA: its certificate and the CRL end-user certificates
 *                    are checked against
 * @param rootDn      the entry of the root CA, if the root's certificate and CRL are published too
 */
public record LdapTarget(LdapSettings connection, String issuingDn, Optional<String> rootDn) {

    public LdapTarget {
        Objects.requireNonNull(connection, "connection");
        issuingDn = validDn("issuing CA entry", issuingDn);
        rootDn = rootDn.map(dn -> validDn("root CA entry", dn));
        if (rootDn.isPresent() && sameDn(rootDn.get(), issuingDn)) {
            throw new IllegalArgumentException("the root and the issuing CA need entries of their own, both were "
                + issuingDn);
        }
    }

    /**
     * Connection settings from an {@code ldap://} or {@code ldaps://} URL (default ports 389 and 636); StartTLS only
     * upgrades {@code ldap://}. Server host names are verified against the certificates in {@code trustedPem}, or
     * the JVM's trust store without it.
     */
    public static LdapSettings connection(String url, boolean startTls, Optional<Path> trustedPem, String bindDn,
                                          char[] password) {
        LDAPURL parsed;
        try {
            parsed = new LDAPURL(url);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not an LDAP URL: " + url + " (" + e.getMessage() + ")");
        }
        if (!parsed.hostProvided()) {
            throw new IllegalArgumentException("the LDAP URL needs a host: " + url);
        }
        String scheme = parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new IllegalArgumentException("the LDAP URL must be ldap:// or ldaps://, was " + url);
        }
        boolean ldaps = scheme.equals("ldaps");
        if (ldaps && startTls) {
            throw new IllegalArgumentException("StartTLS is for ldap:// URLs; ldaps:// is TLS already");
        }
        TlsMode tls = ldaps ? TlsMode.LDAPS : startTls ? TlsMode.STARTTLS : TlsMode.NONE;
        String bind = validDn("bind DN", bindDn);
        // The search base is the store's; publishing writes to the named entries only.
        return LdapSettings.defaults(List.of(parsed.getHost() + ":" + parsed.getPort()), "")
            .withBind(bind, new String(password))
            .withTls(tls, trustedPem.orElse(null))
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static boolean sameDn(String one, String other) {
        try {
            return DN.equals(one, other);
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a valid DN: " + e.getMessage());
        }
    }

    private static String validDn(String what, String dn) {
        if (dn == null || dn.isBlank() || !DN.isValidDN(dn)) {
            throw new IllegalArgumentException("the " + what + " is not a valid DN: " + dn);
        }
        return dn;
    }
}
