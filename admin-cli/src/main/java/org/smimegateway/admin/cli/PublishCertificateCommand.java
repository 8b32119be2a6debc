package org.smimegateway.admin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.smimegateway.admin.ldap.LdapCertificatePublisher;
import org.smimegateway.admin.ldap.LdapCertificatePublisher.CertificateAttribute;
import org.smimegateway.admin.ldap.LdapTarget;
import org.smimegateway.admin.store.FileGatewayStore;
import org.smimegateway.admin.store.StoredCertificate;
import org.smimegateway.keystore.codec.CertificateCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "publish-certificate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Publish a user's certificate in the LDAP directory the gateway looks recipients up in: the entry "
        + "with mail=ADDRESS under --ldap-people-dn (created as inetOrgPerson if absent).",
        "The certificate is the newest one the store holds for the address, or --certificate.",
        "With --remove-file-copy the store's certs/ copy moves to published/, which the gateway does not read, so "
            + "the directory entry decides (list and revoke still see it)."})
final class PublishCertificateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--address", required = true, description = "The e-mail address.")
    String address;

    @Option(names = "--certificate", paramLabel = "FILE",
        description = "The certificate (PEM or DER) instead of the newest one in the store for the address.")
    Path certificateFile;

    @Option(names = "--ldap-url", required = true, paramLabel = "URL",
        description = "ldap://host[:port] (389) or ldaps://host[:port] (636).")
    String url;

    @Option(names = "--ldap-starttls", description = "Upgrade an ldap:// connection with StartTLS before binding.")
    boolean startTls;

    @Option(names = "--ldap-trusted-certificates", paramLabel = "PEM",
        description = "CA certificates the directory's TLS certificate must chain to (default: the JVM trust store).")
    Path trusted;

    @Option(names = "--ldap-bind-dn", required = true, paramLabel = "DN",
        description = "DN to bind as; it needs write access to the people entries.")
    String bindDn;

    @Option(names = "--ldap-password-file", paramLabel = "FILE", description = "File whose first line is the bind password.")
    Path passwordFile;

    @Option(names = "--ldap-password-env", paramLabel = "VAR", description = "Environment variable holding the bind password.")
    String passwordEnvironment;

    @Option(names = "--ldap-people-dn", required = true, paramLabel = "DN",
        description = "Where the users are: the baseDn of the gateway's <ldap> store, e.g. ou=people,dc=example,dc=com.")
    String peopleDn;

    @Option(names = "--ldap-attribute", paramLabel = "ATTRIBUTE", split = ",",
        defaultValue = "USER_CERTIFICATE,USER_SMIME_CERTIFICATE",
        description = "USER_CERTIFICATE (userCertificate;binary, DER) and/or USER_SMIME_CERTIFICATE "
            + "(userSMIMECertificate, certs-only PKCS#7); default: both.")
    List<CertificateAttribute> attributes;

    @Option(names = "--remove-file-copy",
        description = "Move the store's certs/ copy of this certificate to published/ so the directory decides.")
    boolean removeFileCopy;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        char[] password = Secrets.read("LDAP bind password", passwordFile, passwordEnvironment, null);
        if (password == null) {
            throw new IllegalArgumentException("--ldap-url needs --ldap-password-file or --ldap-password-env");
        }
        FileGatewayStore gateway = (FileGatewayStore) store.gateway();
        X509Certificate certificate = certificate(gateway);
        LdapCertificatePublisher.Published published = LdapCertificatePublisher.publish(
            LdapTarget.connection(url, startTls, Optional.ofNullable(trusted), bindDn, password), peopleDn, address,
            certificate, attributes);
        out.println("LDAP: " + published.summary());
        if (removeFileCopy) {
            List<Path> moved = gateway.moveToPublished(certificate);
            out.println(moved.isEmpty() ? "no file copy in certs/ to remove"
                : "moved out of the gateway's reach: " + moved);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private X509Certificate certificate(FileGatewayStore gateway) {
        if (certificateFile != null) {
            try {
                List<X509Certificate> certificates = CertificateCodec.certificates(Files.readAllBytes(certificateFile));
                if (certificates.size() != 1) {
                    throw new IllegalArgumentException(certificateFile + " holds " + certificates.size()
                        + " certificates; give exactly one");
                }
                return certificates.get(0);
            } catch (java.io.IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot read " + certificateFile + ": " + e.getMessage(), e);
            }
        }
        return gateway.certificatesFor(address).stream().map(StoredCertificate::certificate)
            .max(Comparator.comparing(X509Certificate::getNotBefore))
            .orElseThrow(() -> new IllegalArgumentException("the store " + gateway.root() + " has no certificate for "
                + address + "; give --certificate"));
    }
}
