package org.smimegateway.admin.cli;

import java.math.BigInteger;
import java.nio.file.Path;
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
        @Option(names = "--serial", paramLabel = "HEX", description = "Serial number (hex) to revoke.")
        String serial;

        @Option(names = "--address", description = "Revoke every not yet revoked certificate of this address.")
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

    @Override
    public Integer call() {
        Optional<LdapTarget> directory = ldap.target();
        CaVault vault = store.vault();
        CaMaterial ca = vault.unlock(caPassword.password());
        GatewayStore gateway = store.gateway();
        Set<BigInteger> alreadyRevoked = vault.revocations().stream().map(Revocation::serialNumber)
            .collect(Collectors.toSet());
        List<BigInteger> serials = new ArrayList<>();
        if (target.serial != null) {
            serials.add(new BigInteger(target.serial.replace(":", ""), 16));
        } else {
            String address = EndUserRequest.normalise(target.address);
            for (StoredCertificate stored : gateway.certificatesFor(address)) {
                if (!alreadyRevoked.contains(stored.certificate().getSerialNumber())) {
                    serials.add(stored.certificate().getSerialNumber());
                }
            }
            if (serials.isEmpty()) {
                throw new IllegalArgumentException("no unrevoked certificate of " + address + " in the store");
            }
        }
        var out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        for (BigInteger serial : serials) {
            if (gateway.certificate(serial).isEmpty()) {
                out.println("warning: serial " + serial.toString(16) + " is not in the store; revoking anyway");
            }
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
}
