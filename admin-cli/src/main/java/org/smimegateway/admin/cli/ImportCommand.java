package org.smimegateway.admin.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.pkcs12.Pkcs12Reader;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.admin.store.Pem;
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
        if (type == Type.PKCS12) {
            return importKey(content, out);
        }
        GatewayStore gateway = store.gateway();
        if (type == Type.CRL) {
            X509CRL crl = Pem.readCrl(content);
            gateway.putCrl(crl);
            out.println("imported CRL of " + Describe.name(crl.getIssuerX500Principal()) + " from "
                + CliFiles.describe(file));
            return ExitCodes.OK;
        }
        List<X509Certificate> certificates = Pem.readCertificates(content);
        for (X509Certificate certificate : certificates) {
            switch (type) {
                case ANCHOR -> gateway.putTrustAnchor(certificate);
                case INTERMEDIATE -> gateway.putIntermediate(certificate);
                case CERTIFICATE -> gateway.putCertificate(addressOf(certificate), certificate);
                default -> throw new IllegalStateException("unreachable");
            }
            out.println("imported " + type.name().toLowerCase(java.util.Locale.ROOT) + " "
                + Describe.subject(certificate));
        }
        return ExitCodes.OK;
    }

    private int importKey(byte[] content, PrintWriter out) {
        char[] password = pfxPassword();
        Pkcs12Reader.KeyWithChain entry;
        try {
            entry = new Pkcs12Reader().read(content, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        String owner = addressOf(entry.certificate());
        if (owner.startsWith("*@")) {
            throw new IllegalArgumentException("a key belongs to an address the certificate names, not to a domain");
        }
        GatewayStore gateway = store.gateway(KeyPasswordOptions.of(keyPassword));
        gateway.putCertificate(owner, entry.certificate());
        Path keyFile = gateway.putPrivateKey(owner, entry.key(), entry.certificate(), entry.chain());
        out.println("imported key of " + owner + " (" + Describe.subject(entry.certificate()) + ", serial "
            + entry.certificate().getSerialNumber().toString(16) + ") to " + keyFile);
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

    /**
     * The gateway indexes a certificate under the addresses it names, whatever the file is called; only a domain
     * file ({@code @domain.pem}) adds an address of its own, so {@code --address} is either one the certificate
     * names or a domain ({@code @partner.example}).
     */
    private String addressOf(X509Certificate certificate) {
        if (address != null && (address.startsWith("@") || address.startsWith("*@"))) {
            return "*@" + address.substring(address.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
        }
        if (address != null) {
            String normalised = EndUserRequest.normalise(address);
            if (Describe.emailAddresses(certificate).stream().noneMatch(normalised::equalsIgnoreCase)) {
                throw new IllegalArgumentException("the certificate does not name " + normalised + "; the gateway "
                    + "would not use it for that address (use --address @domain for a domain certificate)");
            }
            return normalised;
        }
        List<String> addresses = Describe.emailAddresses(certificate);
        if (addresses.size() != 1) {
            throw new IllegalArgumentException("the certificate has " + addresses.size()
                + " e-mail addresses in its SAN; say which with --address");
        }
        return EndUserRequest.normalise(addresses.get(0));
    }
}
