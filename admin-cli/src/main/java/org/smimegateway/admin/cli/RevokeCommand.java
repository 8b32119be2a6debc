package org.smimegateway.admin.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CrlIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.Revocation;
import org.smimegateway.admin.ca.RevocationReason;
import org.smimegateway.admin.ldap.LdapTarget;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.admin.store.StoredCertificate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "revoke", mixinStandardHelpOptions = true,
    description = "Revoke certificates of the intermediate and publish new CRLs at once (store, --publish-dir, --ldap-url).")
final class RevokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CaPasswordOptions caPassword;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--serial", paramLabel = "HEX", description = "Serial number (hex, colons allowed) of a certificate this CA issued.")
        String serial;

        @Option(names = "--address", description = "Revoke the not yet revoked certificates of this address (several need --yes).")
        String address;
    }

    @Option(names = "--reason", defaultValue = "UNSPECIFIED", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RevocationReason reason;

    @Option(names = "--crl-days", defaultValue = "7", description = "Next update of the new CRLs, in days (default: ${DEFAULT-VALUE}).")
    int crlDays;

    @Option(names = "--publish-dir", paramLabel = "DIR", description = "Also write the CRLs (DER) here for the HTTP server.")
    Path publishDir;

    @Mixin
    LdapOptions ldap;

    @Option(names = "--yes", description = "Confirm revoking more than one certificate (--address matching several).")
    boolean yes;

    @Option(names = "--dry-run", description = "Only list what would be revoked; change nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        Optional<LdapTarget> directory = ldap.target();
        CaVault vault = store.vault();
        CaMaterial ca = vault.unlock(caPassword.password());
        GatewayStore gateway = store.gateway();
        Set<BigInteger> alreadyRevoked = vault.revocations().stream().map(Revocation::serialNumber)
            .collect(Collectors.toSet());
        List<StoredCertificate> targets = targets(gateway, ca, alreadyRevoked);
        var out = spec.commandLine().getOut();
        for (StoredCertificate stored : targets) {
            out.println((dryRun ? "would revoke " : "revoking ") + describe(stored));
        }
        if (dryRun) {
            out.println("dry run: nothing revoked, CRL unchanged");
            return ExitCodes.OK;
        }
        if (targets.size() > 1 && !yes) {
            spec.commandLine().getErr().println("error: " + targets.size() + " certificates match; nothing revoked. "
                + "Check the list above (or --dry-run) and repeat with --yes to revoke them all, or use --serial");
            return ExitCodes.FAILED;
        }
        Clock clock = Clock.systemUTC();
        for (StoredCertificate stored : targets) {
            BigInteger serial = stored.certificate().getSerialNumber();
            vault.recordRevocation(new Revocation(serial, clock.instant(), reason));
            out.println("revoked serial " + serial.toString(16) + " (" + reason + ")");
        }
        CrlPublication.Published published = new CrlPublication(vault, gateway, new CrlIssuer(clock))
            .publish(ca, crlDays, Optional.ofNullable(publishDir));
        out.println("CRL published with " + published.intermediateCrl().getRevokedCertificates().size()
            + " revoked certificate(s), next update " + published.intermediateCrl().getNextUpdate().toInstant());
        LdapOptions.publish(directory, ca, published, out);
        return ExitCodes.OK;
    }

    /**
     * What the target names, refused unless this CA issued it: a serial nobody issued would only grow the CRL and
     * hide a typo, so a serial must be one of the store's certificates signed by our issuing CA.
     */
    private List<StoredCertificate> targets(GatewayStore gateway, CaMaterial ca, Set<BigInteger> alreadyRevoked) {
        if (target.serial != null) {
            BigInteger serial = Serials.parse(target.serial);
            StoredCertificate stored = gateway.certificate(serial).filter(c -> issuedBy(c.certificate(), ca))
                .orElseThrow(() -> new IllegalArgumentException("serial " + serial.toString(16) + " was not issued by "
                    + "this CA (no certificate of ours with it in the store); nothing revoked, CRL unchanged"));
            if (alreadyRevoked.contains(serial)) {
                throw new IllegalArgumentException("serial " + serial.toString(16) + " is already revoked; nothing "
                    + "changed");
            }
            return List.of(stored);
        }
        String address = EndUserRequest.normalise(target.address);
        List<StoredCertificate> found = new ArrayList<>();
        for (StoredCertificate stored : gateway.certificatesFor(address)) {
            if (issuedBy(stored.certificate(), ca)
                && !alreadyRevoked.contains(stored.certificate().getSerialNumber())) {
                found.add(stored);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no unrevoked certificate of " + address + " issued by this CA in the "
                + "store; nothing revoked, CRL unchanged");
        }
        return found;
    }

    private static boolean issuedBy(X509Certificate certificate, CaMaterial ca) {
        if (!certificate.getIssuerX500Principal().equals(ca.intermediate().getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.intermediate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String describe(StoredCertificate stored) {
        X509Certificate certificate = stored.certificate();
        return "serial " + certificate.getSerialNumber().toString(16) + " " + stored.address() + " ("
            + Describe.subject(certificate) + ", valid until " + certificate.getNotAfter().toInstant() + ")";
    }
}
