package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.smimegateway.admin.CaService;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.RevocationTarget;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.RevocationReason;
import org.smimegateway.admin.ldap.LdapTarget;
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
        CaService service = store.service();
        CaMaterial ca = service.unlock(caPassword.password());
        RevocationTarget what = target.serial != null
            ? new RevocationTarget.Serial(Serials.parse(target.serial))
            : new RevocationTarget.Address(target.address);
        List<StoredCertificate> targets = service.targets(ca, what);
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
        CaService.Revoked revoked = service.revoke(ca, what, reason, yes, crlDays, Optional.ofNullable(publishDir));
        for (StoredCertificate stored : revoked.certificates()) {
            out.println("revoked serial " + stored.serialHex() + " (" + reason + ")");
        }
        CrlPublication.Published published = revoked.crls();
        out.println("CRL published with " + published.intermediateCrl().getRevokedCertificates().size()
            + " revoked certificate(s), next update " + published.intermediateCrl().getNextUpdate().toInstant());
        LdapOptions.publish(directory, ca, published, out);
        return ExitCodes.OK;
    }

    private static String describe(StoredCertificate stored) {
        X509Certificate certificate = stored.certificate();
        return "serial " + certificate.getSerialNumber().toString(16) + " " + stored.address() + " ("
            + Describe.subject(certificate) + ", valid until " + certificate.getNotAfter().toInstant() + ")";
    }
}
