package org.smimegateway.mailets;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.smimegateway.keystore.DecryptionKey;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeySelector;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SigningIdentity;
import org.smimegateway.keystore.config.KeystoreConfigLoader;
import org.smimegateway.keystore.trust.TrustVerdict;

/**
 * A real keystore, except that lookups for some addresses fail as if the directory holding them were down: an
 * answer a file store never gives on demand.
 */
final class OutageKeystore implements KeystoreProvider {
    private final KeystoreProvider real;
    private final Set<String> down;

    private OutageKeystore(KeystoreProvider real, Set<String> down) {
        this.real = real;
        this.down = down;
    }

    /** Loads the fixture's keystore and makes its location stand for the outage, for mailets initialised after. */
    static void install(MailetFixture fixture, String... unavailable) {
        KeystoreProvider real = new KeystoreConfigLoader(Clock.systemUTC())
            .load(Path.of(fixture.keystoreLocation())).provider();
        GatewayKeystores.standIn(fixture.keystoreLocation(), new OutageKeystore(real, Set.of(unavailable)));
    }

    private boolean isDown(String address) {
        return down.contains(address.toLowerCase(Locale.ROOT));
    }

    @Override
    public Lookup<SigningIdentity> signingIdentity(String senderAddress) {
        return isDown(senderAddress) ? Lookup.unavailable("directory down") : real.signingIdentity(senderAddress);
    }

    @Override
    public Lookup<EncryptionCertificates> encryptionCertificates(String recipientAddress) {
        return isDown(recipientAddress) ? Lookup.unavailable("directory down")
            : real.encryptionCertificates(recipientAddress);
    }

    @Override
    public List<DecryptionKey> decryptionKeys(KeySelector selector) {
        return real.decryptionKeys(selector);
    }

    @Override
    public List<DecryptionKey> decryptionKeys(KeySelector selector, String recipientAddress) {
        return real.decryptionKeys(selector, recipientAddress);
    }

    @Override
    public TrustVerdict validate(X509Certificate certificate, List<X509Certificate> untrustedIntermediates) {
        return real.validate(certificate, untrustedIntermediates);
    }

    @Override
    public HarvestOutcome harvest(X509Certificate signerCertificate, List<X509Certificate> chain, String fromAddress,
                                  boolean signatureVerified) {
        return real.harvest(signerCertificate, chain, fromAddress, signatureVerified);
    }
}
