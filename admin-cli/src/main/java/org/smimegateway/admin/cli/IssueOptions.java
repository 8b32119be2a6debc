package org.smimegateway.admin.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.smimegateway.admin.Issuance;
import org.smimegateway.admin.KeyAlgorithm;
import org.smimegateway.admin.PfxDelivery;
import org.smimegateway.admin.SenderIdentities;
import org.smimegateway.admin.UserKind;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.admin.ca.PublishedNames;
import org.smimegateway.admin.delivery.MessageAssembler;
import org.smimegateway.admin.delivery.SmtpMailer;
import org.smimegateway.admin.pkcs12.PasswordGenerator;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.store.CaSettings;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.GatewayStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything {@code issue} and {@code bulk-issue} share, and the wiring of the issuing workflow from it. */
final class IssueOptions {

    @Mixin
    StoreOptions store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    CaPasswordOptions caPassword;

    @ArgGroup(exclusive = true)
    KeyPasswordOptions keyPassword;

    @Option(names = "--key-algorithm", defaultValue = "RSA_2048",
        description = "User key type: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    KeyAlgorithm keyAlgorithm;

    @Option(names = "--days", defaultValue = "" + EndUserRequest.DEFAULT_VALIDITY_DAYS,
        description = "Certificate validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--crl-url", paramLabel = "URL",
        description = "CRL distribution point for the certificate (default: the CA's --crl-base-url/intermediate.crl, if set).")
    URI crlUrl;

    @Option(names = "--no-crl-url", description = "Issue without a CRL distribution point even if the CA has a base URL.")
    boolean noCrlUrl;

    @Option(names = "--legacy-3des", description = "Protect PKCS#12 files with 3DES/SHA-1 for old clients instead of AES-256/PBKDF2.")
    boolean legacy3des;

    @Option(names = "--pfx-password-file", paramLabel = "FILE",
        description = "Use this file's first line as PKCS#12 password instead of a generated one (bulk: same for all).")
    Path pfxPasswordFile;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = ".",
        description = "Where PKCS#12 files are written, owner-only (default: current directory).")
    Path outDir;

    @Mixin
    SmtpOptions smtp;

    @Mixin
    ChannelOptions channel;

    private GatewayStore gateway;

    EndUserRequest request(String address, Optional<String> name, CaSettings settings) {
        Optional<URI> distributionPoint = noCrlUrl ? Optional.empty() : Optional.ofNullable(crlUrl).or(() ->
            settings.crlBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.INTERMEDIATE_CRL)));
        return new EndUserRequest(address, name, keyAlgorithm, days, distributionPoint);
    }

    static UserKind kind(boolean external) {
        return external ? UserKind.EXTERNAL : UserKind.INTERNAL;
    }

    GatewayStore gateway() {
        if (gateway == null) {
            gateway = store.gateway(KeyPasswordOptions.of(keyPassword));
        }
        return gateway;
    }

    Issuance issuance(PrintWriter console) {
        // Opened first and once: a misconfigured channel fails before anything is issued.
        PasswordChannel passwords = channel.channel(console);
        CaVault vault = store.vault();
        CaMaterial ca = vault.unlock(caPassword.password());
        CaSettings settings = vault.settings();
        Clock clock = Clock.systemUTC();
        EndUserIssuer issuer = new EndUserIssuer(clock);
        Optional<PfxDelivery> delivery = Optional.empty();
        if (smtp.mail) {
            PfxDelivery.MailSettings mailSettings = smtp.mailSettings();
            var signer = new SenderIdentities(gateway(), ca, settings, issuer, keyAlgorithm)
                .signerFor(mailSettings.from());
            delivery = Optional.of(new PfxDelivery(mailSettings, signer, new MessageAssembler(clock),
                new SmtpMailer(smtp.smtp()), passwords));
        }
        Issuance.PfxSettings pfx = new Issuance.PfxSettings(
            legacy3des ? Pkcs12Encryption.LEGACY_3DES : Pkcs12Encryption.DEFAULT,
            () -> pfxPasswordFile == null ? new PasswordGenerator().generate()
                : Secrets.read("PKCS#12 password", pfxPasswordFile, null, null),
            outDir);
        return new Issuance(ca, settings, gateway(), issuer, pfx, delivery, passwords);
    }

    CaSettings settings() {
        return store.vault().settings();
    }
}
