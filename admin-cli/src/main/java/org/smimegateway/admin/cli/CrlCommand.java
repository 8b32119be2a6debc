package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.smimegateway.admin.CaService;
import org.smimegateway.admin.CrlPublication;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ldap.LdapTarget;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "crl", mixinStandardHelpOptions = true,
    description = "Create or update the CRLs of both CAs (run it from cron well before next update) and publish "
        + "them to the store and, optionally, a directory served over HTTP and an LDAP directory.")
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

    @Mixin
    LdapOptions ldap;

    @Override
    public Integer call() {
        Optional<LdapTarget> directory = ldap.target();
        CaService service = store.service();
        CaMaterial ca = service.unlock(caPassword.password());
        CrlPublication.Published published = service.publishCrl(ca, crlDays, Optional.ofNullable(publishDir));
        var out = spec.commandLine().getOut();
        var revoked = published.intermediateCrl().getRevokedCertificates();
        out.println("CRL published with " + (revoked == null ? 0 : revoked.size())
            + " revoked certificate(s), next update " + published.intermediateCrl().getNextUpdate().toInstant());
        LdapOptions.publish(directory, ca, published, out);
        return ExitCodes.OK;
    }
}
