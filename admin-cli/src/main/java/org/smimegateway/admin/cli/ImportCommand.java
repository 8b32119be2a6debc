package org.smimegateway.admin.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.admin.store.Pem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Add trust anchors, intermediates, recipient certificates or CRLs (PEM or DER) to the store.")
final class ImportCommand implements Callable<Integer> {

    enum Type { ANCHOR, INTERMEDIATE, CERTIFICATE, CRL }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--type", required = true, description = "${COMPLETION-CANDIDATES}")
    Type type;

    @Option(names = "--address", description = "For CERTIFICATE: one of its SAN e-mails (default: the only one), or @domain for the domain-wide "
        + "certificate (certs/@domain.pem).")
    String address;

    @Parameters(paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Override
    public Integer call() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        GatewayStore gateway = store.gateway();
        var out = spec.commandLine().getOut();
        if (type == Type.CRL) {
            gateway.putCrl(Pem.readCrl(content));
            out.println("imported CRL from " + file);
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
                + certificate.getSubjectX500Principal().getName());
        }
        return ExitCodes.OK;
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
