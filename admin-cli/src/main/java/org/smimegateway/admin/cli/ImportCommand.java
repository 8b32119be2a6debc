package org.smimegateway.admin.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.smimegateway.admin.certificates.CertificateView;
import org.smimegateway.admin.certificates.Certificates;
import org.smimegateway.admin.certificates.CrlView;
import org.smimegateway.admin.certificates.LiveKeystore;
import org.smimegateway.admin.certificates.TrustMaterial;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Add trust anchors, intermediates, recipient certificates or CRLs (PEM or DER) to the store, or a "
        + "user's key with its certificate (PKCS12) so the gateway can sign and decrypt for that user.",
        "The PKCS#12 password comes from --pfx-password-file (- for standard input), --pfx-password-env or, on a "
            + "terminal, a prompt; never from the command line."})
final class ImportCommand implements Callable<Integer> {

    enum Type { ANCHOR, INTERMEDIATE, CERTIFICATE, CRL, PKCS12 }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--type", required = true, description = "${COMPLETION-CANDIDATES}")
    Type type;

    @Option(names = "--address", description = "For CERTIFICATE and PKCS12: one of its SAN e-mails (default: the only one), or @domain for the domain-wide "
        + "certificate (certs/@domain.pem).")
    String address;

    @Option(names = "--pfx-password-file", paramLabel = "FILE",
        description = "For PKCS12: file whose first line is the PKCS#12 password (- for standard input).")
    Path pfxPasswordFile;

    @Option(names = "--pfx-password-env", paramLabel = "VAR",
        description = "For PKCS12: environment variable holding the PKCS#12 password.")
    String pfxPasswordEnvironment;

    @ArgGroup(exclusive = true)
    KeyPasswordOptions keyPassword;

    @Parameters(paramLabel = "FILE", description = "The file to import (- for standard input).")
    Path file;

    @Override
    public Integer call() {
        if (type == Type.PKCS12 && CliFiles.isStandardStream(file) && CliFiles.isStandardStream(pfxPasswordFile)) {
            throw new IllegalArgumentException("the PKCS#12 file and its password cannot both come from standard input");
        }
        byte[] content = CliFiles.read(file);
        var out = spec.commandLine().getOut();
        // The admin core does the work (the WebAdmin routes share it); no gateway runs here, so nothing to flush.
        LiveKeystore live = new LiveKeystore(null, CliUser.name());
        if (type == Type.PKCS12) {
            return importKey(content, out, live);
        }
        TrustMaterial trust = new TrustMaterial(store.store, live, Clock.systemUTC());
        if (type == Type.CRL) {
            CrlView crl = trust.importCrl(content);
            out.println("imported CRL of " + crl.issuer() + " from " + CliFiles.describe(file));
            return ExitCodes.OK;
        }
        List<CertificateView> imported = switch (type) {
            case ANCHOR -> trust.importCertificates(TrustMaterial.Kind.ANCHOR, content);
            case INTERMEDIATE -> trust.importCertificates(TrustMaterial.Kind.INTERMEDIATE, content);
            default -> new Certificates(store.store, live).importCertificates(content, address);
        };
        for (CertificateView certificate : imported) {
            out.println("imported " + type.name().toLowerCase(java.util.Locale.ROOT) + " " + certificate.subject());
        }
        return ExitCodes.OK;
    }

    private int importKey(byte[] content, PrintWriter out, LiveKeystore live) {
        char[] password = pfxPassword();
        CertificateView key;
        try {
            key = new Certificates(store.store, KeyPasswordOptions.of(keyPassword), live)
                .importPkcs12(content, password, address);
        } finally {
            Arrays.fill(password, '\0');
        }
        out.println("imported key of " + key.addresses().stream().filter(a -> address == null
                || a.equalsIgnoreCase(address.trim())).findFirst().orElse(key.addresses().get(0))
            + " (" + key.subject() + ", serial " + key.serial() + ") to " + store.store.resolve(key.file()));
        return ExitCodes.OK;
    }

    /** Never a literal option: a password on the command line ends up in shell history and {@code ps}. */
    private char[] pfxPassword() {
        char[] password = Secrets.read("PKCS#12 password", pfxPasswordFile, pfxPasswordEnvironment, null);
        if (password != null) {
            return password;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("the PKCS#12 password is needed: --pfx-password-file (- for standard "
                + "input) or --pfx-password-env, or run on a terminal to be asked");
        }
        char[] typed = console.readPassword("PKCS#12 password: ");
        if (typed == null) {
            throw new IllegalArgumentException("no PKCS#12 password given");
        }
        return typed;
    }
}
