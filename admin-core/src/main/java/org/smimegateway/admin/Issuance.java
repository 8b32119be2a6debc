package org.smimegateway.admin;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.EndUserIssuer;
import org.smimegateway.admin.ca.IssuedCertificate;
import org.smimegateway.admin.ca.PublishedNames;
import org.smimegateway.admin.pkcs12.Pkcs12Encryption;
import org.smimegateway.admin.pkcs12.Pkcs12Exporter;
import org.smimegateway.admin.sms.ChannelOutcome;
import org.smimegateway.admin.sms.PasswordChannel;
import org.smimegateway.admin.sms.PasswordNotice;
import org.smimegateway.admin.store.AtomicFiles;
import org.smimegateway.admin.store.CaSettings;
import org.smimegateway.admin.store.GatewayStore;

/**
 * Issues for one user and does everything that follows from it: files the certificate, keeps or drops the key,
 * writes the PKCS#12 file, and hands it to delivery (mail plus password channel) or, without delivery, gives the
 * password to the password channel directly. For external users this is all or nothing: their certificate reaches
 * the store only after the PKCS#12 was accepted by the SMTP server and the password was delivered; otherwise the
 * PKCS#12 file is deleted and nothing is filed, so issuing again is safe.
 */
public final class Issuance {

    private static final Logger LOG = LoggerFactory.getLogger(Issuance.class);

    /** How the PKCS#12 files are made and where they go. */
    public record PfxSettings(Pkcs12Encryption encryption, Supplier<char[]> password, Path outputDirectory) {
    }

    private final CaMaterial ca;
    private final CaSettings caSettings;
    private final GatewayStore store;
    private final EndUserIssuer issuer;
    private final PfxSettings pfx;
    private final Optional<PfxDelivery> delivery;
    private final PasswordChannel passwordOnlyChannel;

    public Issuance(CaMaterial ca, CaSettings caSettings, GatewayStore store, EndUserIssuer issuer, PfxSettings pfx,
                    Optional<PfxDelivery> delivery, PasswordChannel passwordOnlyChannel) {
        this.ca = ca;
        this.caSettings = caSettings;
        this.store = store;
        this.issuer = issuer;
        this.pfx = pfx;
        this.delivery = delivery;
        this.passwordOnlyChannel = passwordOnlyChannel;
    }

    public IssueReport issue(IssueRequest request) {
        IssuedCertificate issued = issuer.issue(ca.issuing(), request.certificate(), caSettings.organization(),
            caSettings.aiaBaseUrl().map(base -> PublishedNames.under(base, PublishedNames.INTERMEDIATE_CERTIFICATE)));
        String address = issued.address();
        // An internal user's key stays with the gateway, so the certificate is usable at once. An external user's
        // certificate is filed only once the PKCS#12 and its password went out: a certificate in the store makes
        // the gateway encrypt to it, and nobody must get mail encrypted to a key nobody received.
        boolean fileFirst = request.kind() == UserKind.INTERNAL;
        if (fileFirst) {
            file(request, issued);
        }
        if (!request.writesPfx()) {
            return new IssueReport(address, issued.serialHex(), request.kind(), request.keepsKey(), true,
                Optional.empty(), Optional.empty(), Optional.empty());
        }

        char[] password = pfx.password().get();
        try {
            byte[] pkcs12 = new Pkcs12Exporter().export(issued.privateKey(), issued.certificate(), issued.chain(),
                address, password, pfx.encryption());
            String fileName = fileName(issued);
            Path file = pfx.outputDirectory().resolve(fileName);
            AtomicFiles.writeSecret(file, pkcs12);
            IssueReport delivered;
            if (delivery.isPresent() && request.kind() == UserKind.EXTERNAL) {
                PfxDelivery.Result result = delivery.get().deliver(address, fileName, pkcs12, password,
                    request.phone());
                delivered = new IssueReport(address, issued.serialHex(), request.kind(), request.keepsKey(), true,
                    Optional.of(file), Optional.of(result.mail()), result.password());
            } else {
                ChannelOutcome told = passwordOnlyChannel.send(new PasswordNotice(address, request.phone(), password));
                delivered = new IssueReport(address, issued.serialHex(), request.kind(), request.keepsKey(), true,
                    Optional.of(file), Optional.empty(), Optional.of(told));
            }
            if (fileFirst) {
                return delivered;
            }
            if (delivered.succeeded()) {
                file(request, issued);
                return delivered;
            }
            // Nobody can use this PKCS#12 (the mail did not go out, or its password is lost): drop it, file nothing.
            AtomicFiles.delete(file);
            LOG.info("serial {} for {} not filed: delivery failed", issued.serialHex(), address);
            return new IssueReport(address, issued.serialHex(), request.kind(), false, false, Optional.empty(),
                delivered.mail(), delivered.password());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void file(IssueRequest request, IssuedCertificate issued) {
        store.putCertificate(issued.address(), issued.certificate());
        if (request.keepsKey()) {
            store.putPrivateKey(issued.address(), issued.privateKey(), issued.certificate(), issued.chain());
        }
        LOG.info("issued serial {} for {} ({}, key {})", issued.serialHex(), issued.address(), request.kind(),
            request.keepsKey() ? "kept" : "not kept");
    }

    static String fileName(IssuedCertificate issued) {
        return issued.address().replace('@', '_') + "-" + issued.serialHex() + ".p12";
    }
}
