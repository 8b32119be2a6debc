package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.ca.CrlIssuer;
import org.smimegateway.admin.store.CaVault;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crl", mixinStandardHelpOptions = true,
    description = "Create or update the CRLs of both CAs (run it from cron well before next update) and publish "
        + "them to the store and, optionally, a directory served over HTTP.")
final class CrlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CaPasswordOptions caPassword;

    @Option(names = "--crl-days", defaultValue = "7", description = "Next update, in days (default: ${DEFAULT-VALUE}).")
    int crlDays;

    @Option(names = "--publish-dir", paramLabel = "DIR", description = "Also write root.crl, intermediate.crl, root.crt and intermediate.crt (DER) here.")
    Path publishDir;

    @Override
    public Integer call() {
        CaVault vault = store.vault();
        CrlPublication.Published published = new CrlPublication(vault, store.gateway(),
            new CrlIssuer(Clock.systemUTC())).publish(vault.unlock(caPassword.password()), crlDays,
            Optional.ofNullable(publishDir));
        var revoked = published.intermediateCrl().getRevokedCertificates();
        spec.commandLine().getOut().println("CRL published with " + (revoked == null ? 0 : revoked.size())
            + " revoked certificate(s), next update " + published.intermediateCrl().getNextUpdate().toInstant());
        return ExitCodes.OK;
    }
}
