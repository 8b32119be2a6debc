package org.smimegateway.admin.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.smimegateway.admin.CaService;
import org.smimegateway.admin.KeyAlgorithm;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.CaProfile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init-ca", mixinStandardHelpOptions = true,
    description = "Create the root and the issuing intermediate CA, store their keys encrypted, make the root a "
        + "trust anchor of the gateway and publish empty CRLs.")
final class InitCaCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CaPasswordOptions caPassword;

    @Option(names = "--root-cn", defaultValue = "smime-gateway Root CA", description = "Root CA common name (default: ${DEFAULT-VALUE}).")
    String rootCn;

    @Option(names = "--intermediate-cn", defaultValue = "smime-gateway Issuing CA",
        description = "Intermediate CA common name, must differ from the root's (default: ${DEFAULT-VALUE}).")
    String intermediateCn;

    @Option(names = "--organization", description = "O= in both CA subjects and in issued certificates.")
    String organization;

    @Option(names = "--key-algorithm", defaultValue = "RSA_2048",
        description = "CA key type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    KeyAlgorithm keyAlgorithm;

    @Option(names = "--days", defaultValue = "" + CaProfile.DEFAULT_VALIDITY_DAYS,
        description = "Validity of both CA certificates in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--crl-base-url", paramLabel = "URL",
        description = "HTTP base URL where the publish directory is served; CRL distribution points become "
            + "URL/root.crl and URL/intermediate.crl.")
    URI crlBaseUrl;

    @Option(names = "--aia-base-url", paramLabel = "URL",
        description = "HTTP base URL for the CA certificates; AIA caIssuers become URL/root.crt and URL/intermediate.crt.")
    URI aiaBaseUrl;

    @Option(names = "--crl-days", defaultValue = "7", description = "Next update of the first CRLs, in days (default: ${DEFAULT-VALUE}).")
    int crlDays;

    @Option(names = "--publish-dir", paramLabel = "DIR", description = "Also write CRLs and CA certificates (DER) here.")
    Path publishDir;

    @Override
    public Integer call() {
        CaService service = store.service();
        if (service.exists()) {
            throw new IllegalStateException("a CA already exists in " + store.caDirectory() + "; refusing to overwrite it");
        }
        CaProfile profile = new CaProfile(rootCn, intermediateCn, Optional.ofNullable(organization), keyAlgorithm,
            days, Optional.ofNullable(crlBaseUrl), Optional.ofNullable(aiaBaseUrl));
        CaMaterial ca = service.create(profile, caPassword.password(), crlDays, Optional.ofNullable(publishDir));
        var out = spec.commandLine().getOut();
        out.println("root:         " + Describe.subject(ca.root()) + " serial "
            + ca.root().getSerialNumber().toString(16));
        out.println("intermediate: " + Describe.subject(ca.intermediate()) + " serial "
            + ca.intermediate().getSerialNumber().toString(16));
        out.println("CA created in " + store.caDirectory() + " (" + keyAlgorithm + ", " + days + " days); trust anchor, "
            + "intermediate and CRLs written to the gateway store " + store.store);
        return ExitCodes.OK;
    }
}
