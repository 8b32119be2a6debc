package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.pkcs12.PasswordGenerator;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.pkcs12.Pkcs12Exporter;
import org.smimegateway.admin.sms.ChannelOutcome;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordNotice;
import org.smimegateway.admin.store.GatewayStore;
import org.smimegateway.admin.store.Pem;
import org.smimegateway.keystore.store.KeyEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write something from the store to a file:",
        "CERTIFICATE (--serial, PEM with chain), CHAIN (the CA certificates, PEM), ANCHORS (PEM bundle), "
            + "CRLS (PEM bundle), PFX (--address: the newest kept key as PKCS#12, password to the password channel)."})
final class ExportCommand implements Callable<Integer> {

    enum Type { CERTIFICATE, CHAIN, ANCHORS, CRLS, PFX }

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--type", required = true, description = "${COMPLETION-CANDIDATES}")
    Type type;

    @Option(names = "--serial", paramLabel = "HEX", description = "For CERTIFICATE.")
    String serial;

    @Option(names = "--address", description = "For PFX.")
    String address;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (- for standard output).")
    Path out;

    @Option(names = "--legacy-3des", description = "For PFX: 3DES/SHA-1 for old clients instead of AES-256/PBKDF2.")
    boolean legacy3des;

    @ArgGroup(exclusive = true)
    KeyPasswordOptions keyPassword;

    @Mixin
    ChannelOptions channel;

    @Override
    public Integer call() {
        var console = spec.commandLine().getOut();
        GatewayStore gateway = store.gateway(KeyPasswordOptions.of(keyPassword));
        switch (type) {
            case CERTIFICATE -> {
                if (serial == null) {
                    throw new IllegalArgumentException("--type CERTIFICATE needs --serial");
                }
                var stored = gateway.certificate(Serials.parse(serial))
                    .orElseThrow(() -> new IllegalArgumentException("no certificate with serial " + serial));
                List<java.security.cert.X509Certificate> bundle = new ArrayList<>();
                bundle.add(stored.certificate());
                bundle.addAll(store.vault().exists() ? store.vault().chain() : List.of());
                CliFiles.write(out, Pem.certificates(bundle), false, true, console);
            }
            case CHAIN -> CliFiles.write(out, Pem.certificates(store.vault().chain()), false, true, console);
            case ANCHORS -> CliFiles.write(out, Pem.certificates(gateway.trustAnchors()), false, true, console);
            case CRLS -> {
                StringBuilder bundle = new StringBuilder();
                gateway.crls().forEach(crl -> bundle.append(new String(Pem.crl(crl),
                    java.nio.charset.StandardCharsets.US_ASCII)));
                CliFiles.write(out, bundle.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), false,
                    true, console);
            }
            case PFX -> {
                if (address == null) {
                    throw new IllegalArgumentException("--type PFX needs --address");
                }
                // The PKCS#12 itself may be on standard output: the console channel then prints to standard error.
                PasswordChannel passwords = channel.channel(CliFiles.isStandardStream(out)
                    ? spec.commandLine().getErr() : console);
                String normalised = EndUserRequest.normalise(address);
                KeyEntry entry = gateway.newestKey(normalised).orElseThrow(() -> new IllegalArgumentException(
                    "no kept key for " + normalised + " that the gateway can open"));
                char[] password = new PasswordGenerator().generate();
                CliFiles.write(out, new Pkcs12Exporter().export(entry.privateKey(), entry.certificate(),
                    entry.chain(), normalised, password,
                    legacy3des ? Pkcs12Encryption.LEGACY_3DES : Pkcs12Encryption.DEFAULT), true, false, console);
                if (passwords.send(new PasswordNotice(normalised, java.util.Optional.empty(), password))
                    instanceof ChannelOutcome.Failed failed) {
                    throw new IllegalStateException("PKCS#12 written to " + out + ", but its password did not reach "
                        + passwords.describe() + ": " + failed.reason() + "; delete the file and export again");
                }
            }
        }
        // With --out -, standard output carries the content alone; the note goes to standard error.
        var note = CliFiles.isStandardStream(out) ? spec.commandLine().getErr() : console;
        note.println("exported " + type.name().toLowerCase(java.util.Locale.ROOT) + " to " + CliFiles.describe(out));
        note.flush();
        return ExitCodes.OK;
    }
}
