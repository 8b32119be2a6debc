package org.smimegateway.admin.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ldap.LdapCrlPublisher;
import org.smimegateway.admin.ldap.LdapTarget;
import picocli.CommandLine.Option;

/**
 * Publication of the CA certificates and CRLs to an LDAP directory. The bind password is read from a file or an
 * environment variable only: a directory write password has no business in shell history or {@code ps}.
 */
final class LdapOptions {

    @Option(names = "--ldap-url", paramLabel = "URL",
        description = "Also publish to this directory: ldap://host[:port] (389) or ldaps://host[:port] (636).")
    String url;

    @Option(names = "--ldap-starttls", description = "Upgrade an ldap:// connection with StartTLS before binding.")
    boolean startTls;

    @Option(names = "--ldap-trusted-certificates", paramLabel = "PEM",
        description = "CA certificates the directory's TLS certificate must chain to (default: the JVM trust store).")
    Path trusted;

    @Option(names = "--ldap-bind-dn", paramLabel = "DN", description = "DN to bind as; it needs write access to the CA entries.")
    String bindDn;

    @Option(names = "--ldap-password-file", paramLabel = "FILE", description = "File whose first line is the bind password.")
    Path passwordFile;

    @Option(names = "--ldap-password-env", paramLabel = "VAR", description = "Environment variable holding the bind password.")
    String passwordEnvironment;

    @Option(names = "--ldap-ca-dn", paramLabel = "DN",
        description = "Entry of the issuing CA (cACertificate;binary, certificateRevocationList;binary); created as "
            + "cRLDistributionPoint+pkiCA if absent, e.g. cn=Example Issuing CA,ou=pki,dc=example,dc=com.")
    String issuingDn;

    @Option(names = "--ldap-root-dn", paramLabel = "DN", description = "Entry of the root CA, to publish its certificate and CRL too.")
    String rootDn;

    /** What to publish where, checked before anything is signed; empty without {@code --ldap-url}. */
    Optional<LdapTarget> target() {
        if (url == null) {
            if (startTls || trusted != null || bindDn != null || passwordFile != null || passwordEnvironment != null
                || issuingDn != null || rootDn != null) {
                throw new IllegalArgumentException("the --ldap-… options need --ldap-url");
            }
            return Optional.empty();
        }
        if (bindDn == null || issuingDn == null) {
            throw new IllegalArgumentException("--ldap-url needs --ldap-bind-dn and --ldap-ca-dn");
        }
        char[] password = Secrets.read("LDAP bind password", passwordFile, passwordEnvironment, null);
        if (password == null) {
            throw new IllegalArgumentException("--ldap-url needs --ldap-password-file or --ldap-password-env");
        }
        return Optional.of(new LdapTarget(LdapTarget.connection(url, startTls, Optional.ofNullable(trusted), bindDn,
            password), issuingDn, Optional.ofNullable(rootDn)));
    }

    /** Publishes to {@code target} and says what was written; runs after the store and files are written. */
    static void publish(Optional<LdapTarget> target, CaMaterial ca, CrlPublication.Published crls, PrintWriter out) {
        if (target.isEmpty()) {
            return;
        }
        try {
            LdapCrlPublisher.publish(target.get(), ca, crls).forEach(written ->
                out.println("LDAP: " + (written.created() ? "created " : "replaced certificate and CRL of ")
                    + written.dn()));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; the CRLs are in the store (and --publish-dir), "
                + "run crl with the same --ldap-… options once the directory is reachable", e);
        }
    }
}
