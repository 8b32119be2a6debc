package org.smimegateway.admin.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.smimegateway.admin.IssueReport;
import org.smimegateway.admin.IssueRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Issue an S/MIME certificate (digitalSignature+keyEncipherment, emailProtection, SAN rfc822Name) "
        + "for one address.",
        "Internal users (default): the key is kept in the store for the gateway.",
        "External users (--external): the key is written as PKCS#12 to --out-dir, optionally mailed (--mail) with "
            + "the password over the password channel, and not kept unless --keep-key."})
final class IssueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--address", required = true, description = "The e-mail address.")
    String address;

    @Option(names = "--name", description = "Common name (default: the address).")
    String name;

    @Option(names = "--external", description = "An external correspondent: export the key as PKCS#12.")
    boolean external;

    @Option(names = "--keep-key", description = "External users: keep the key in the store as well.")
    boolean keepKey;

    @Option(names = "--export-pfx", description = "Internal users: also write a PKCS#12 file.")
    boolean exportPfx;

    @Option(names = "--phone", description = "Phone number for the password SMS.")
    String phone;

    @Mixin
    IssueOptions options;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        IssueReport report = options.store.service().issue(options.issuance(out), new IssueRequest(
            options.request(address, Optional.ofNullable(name), options.settings()),
            IssueOptions.kind(external), Optional.ofNullable(phone), keepKey, exportPfx));
        out.println((report.succeeded() ? "issued " : "FAILED ") + report.summary());
        out.flush();
        return report.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
