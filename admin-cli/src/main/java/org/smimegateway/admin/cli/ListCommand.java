package org.smimegateway.admin.cli;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smimegateway.admin.ca.Revocation;
import org.smimegateway.admin.certificates.CertificateView;
import org.smimegateway.admin.certificates.LiveKeystore;
import org.smimegateway.admin.certificates.TrustMaterial;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.admin.store.StoredCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List what the store holds: certificates (default), anchors, intermediates or crls.")
final class ListCommand implements Callable<Integer> {

    enum What { CERTIFICATES, ANCHORS, INTERMEDIATES, CRLS }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Parameters(arity = "0..1", defaultValue = "CERTIFICATES", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    What what;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        GatewayStore gateway = store.gateway();
        switch (what) {
            case CERTIFICATES -> {
                CaVault vault = store.vault();
                Set<BigInteger> revoked = vault.exists()
                    ? vault.revocations().stream().map(Revocation::serialNumber).collect(Collectors.toSet())
                    : Set.of();
                for (StoredCertificate stored : gateway.certificates()) {
                    X509Certificate certificate = stored.certificate();
                    out.printf("%-40s %-34s until %s%s%s%n", stored.address(), stored.serialHex(),
                        certificate.getNotAfter().toInstant(), stored.keyKept() ? "  key" : "",
                        revoked.contains(certificate.getSerialNumber()) ? "  REVOKED" : "");
                }
            }
            case ANCHORS -> trust().list(TrustMaterial.Kind.ANCHOR).forEach(c -> out.println(line(c)));
            case INTERMEDIATES -> trust().list(TrustMaterial.Kind.INTERMEDIATE).forEach(c -> out.println(line(c)));
            case CRLS -> trust().crls().forEach(crl -> out.printf("%s  next update %s  %d revoked%s%n",
                crl.issuer(), crl.nextUpdate() == null ? "-" : crl.nextUpdate(), crl.entries(),
                crl.fresh() ? "" : "  STALE"));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The admin core's view of the store (shared with the WebAdmin routes); read-only here. */
    private TrustMaterial trust() {
        return new TrustMaterial(store.store, new LiveKeystore(null, CliUser.name()), Clock.systemUTC());
    }

    private static String line(CertificateView certificate) {
        return certificate.subject() + "  serial " + certificate.serial() + "  until " + certificate.notAfter();
    }
}
