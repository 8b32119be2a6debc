package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.smimegateway.admin.store.Pem;
import org.smimegateway.admin.store.StoredCertificate;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Show a certificate or CRL: from a file (PEM or DER) or a stored certificate by serial.")
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--file", description = "A certificate, certificate bundle or CRL file (- for standard input).")
        Path file;

        @Option(names = "--serial", paramLabel = "HEX", description = "A certificate in the store.")
        String serial;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        if (source.serial != null) {
            StoredCertificate stored = store.gateway().certificate(Serials.parse(source.serial))
                .orElseThrow(() -> new IllegalArgumentException("no certificate with serial " + source.serial));
            out.print(Describe.certificate(stored.certificate()));
            out.println("filed under: " + stored.address() + (stored.keyKept() ? " (key kept)" : ""));
        } else {
            byte[] content = CliFiles.read(source.file);
            String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.contains("BEGIN X509 CRL") || source.file.toString().endsWith(".crl")) {
                out.print(Describe.crl(Pem.readCrl(content)));
            } else {
                Pem.readCertificates(content).forEach(c -> out.println(Describe.certificate(c)));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
