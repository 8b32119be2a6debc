package org.smimegateway.keystore.ldap;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.keystore.SourceStatus;
import org.smimegateway.keystore.cache.ExpiringCache;
import org.smimegateway.keystore.store.CertificateStore;
import org.smimegateway.keystore.store.KeyEntry;
import org.smimegateway.keystore.trust.CompositeTrustSource;
import org.smimegateway.keystore.trust.TrustSource;

/**
 * Recipients' certificates, CA certificates and CRLs from an LDAP directory (RFC 4523 / RFC 2798 attributes). A
 * directory holds no private keys, and its CA certificates are only path-building material: trust anchors come from
 * local configuration. Answers are cached (found ones for {@code cacheTtl}, "none" for {@code negativeCacheTtl});
 * unavailability is never cached, so the next message asks again.
 */
public final class LdapCertificateStore implements CertificateStore, AutoCloseable {
    private final LdapSettings settings;
    private final LdapDirectory directory;
    private final Clock clock;
    private final ExpiringCache<String, Lookup<List<X509Certificate>>> cache;
    private final DirectoryTrust directoryTrust;
    private final TrustSource trust;

    /**
     * @param settings    how to reach the directory
     * @param localTrust  anchors (and possibly CRLs) configured locally
     * @param clock       time source for the caches
     */
    public LdapCertificateStore(LdapSettings settings, TrustSource localTrust, Clock clock) {
        this.settings = settings;
        this.directory = new LdapDirectory(settings);
        this.clock = clock;
        this.cache = new ExpiringCache<>(settings.cacheMaxEntries(), clock);
        this.directoryTrust = new DirectoryTrust(directory, settings.cacheTtl(), clock);
        this.trust = new CompositeTrustSource(List.of(localTrust, directoryTrust));
    }

    @Override
    public String name() {
        return directory.describe();
    }

    @Override
    public Lookup<List<X509Certificate>> certificates(String storeKey) {
        Optional<Lookup<List<X509Certificate>>> cached = cache.get(storeKey);
        if (cached.isPresent()) {
            return cached.get();
        }
        Lookup<List<X509Certificate>> answer = directory.userCertificates(storeKey);
        Duration ttl = answer instanceof Lookup.Found ? settings.cacheTtl()
            : answer instanceof Lookup.NotFound ? settings.negativeCacheTtl() : Duration.ZERO;
        if (!ttl.isZero()) {
            cache.put(storeKey, answer, clock.instant().plus(ttl));
        }
        return answer;
    }

    /** A directory holds no private keys. */
    @Override
    public List<KeyEntry> keys(String storeKey) {
        return List.of();
    }

    @Override
    public List<KeyEntry> allKeys() {
        return List.of();
    }

    @Override
    public TrustSource trust() {
        return trust;
    }

    /** Adds the certificate to the user's entry when write-back is enabled. */
    @Override
    public Lookup<String> storeHarvested(String address, X509Certificate certificate) {
        if (!settings.writeBack()) {
            return Lookup.notFound("write-back to the directory is disabled");
        }
        Lookup<String> written = directory.addCertificate(address, certificate);
        cache.remove(address);
        return written;
    }

    /** Reachable when a search for the CA entries gets an answer (found or not); never cached. */
    @Override
    public SourceStatus status() {
        Lookup<CaMaterial> answer = directory.caMaterial();
        if (answer instanceof Lookup.Unavailable<CaMaterial> down) {
            return SourceStatus.unreachable(name(), down.reason());
        }
        return SourceStatus.reachable(name(), "directory answers");
    }

    /** The CRLs of the directory's CA entries (none while it cannot be reached). */
    @Override
    public List<X509CRL> crls() {
        Lookup<CaMaterial> answer = directory.caMaterial();
        return answer instanceof Lookup.Found<CaMaterial> found ? found.value().crls() : List.of();
    }

    /** Forgets every cached answer (e.g. after an operator changed the directory). */
    public void invalidate() {
        cache.clear();
        directoryTrust.invalidate();
    }

    /** The same as {@link #invalidate()}: the next look-up asks the directory. */
    @Override
    public void flush() {
        invalidate();
    }

    @Override
    public void close() {
        directory.close();
    }

    /** The directory's CA entries as a trust source, re-read at most every {@code refresh}. */
    private static final class DirectoryTrust implements TrustSource {
        private final LdapDirectory directory;
        private final Duration refresh;
        private final Clock clock;
        private final ExpiringCache<String, CaMaterial> material;
        private volatile CaMaterial last;
        private volatile long generation;

        DirectoryTrust(LdapDirectory directory, Duration refresh, Clock clock) {
            this.directory = directory;
            this.refresh = refresh;
            this.clock = clock;
            this.material = new ExpiringCache<>(1, clock);
        }

        @Override
        public List<X509Certificate> anchors() {
            return List.of();
        }

        @Override
        public List<X509Certificate> intermediates() {
            Lookup<CaMaterial> current = current();
            return current instanceof Lookup.Found<CaMaterial> found ? found.value().certificates() : List.of();
        }

        @Override
        public Lookup<List<X509CRL>> crls(X500Principal issuer) {
            Lookup<CaMaterial> current = current();
            if (current instanceof Lookup.Found<CaMaterial> found) {
                List<X509CRL> matching = found.value().crls().stream()
                    .filter(crl -> crl.getIssuerX500Principal().equals(issuer)).toList();
                return matching.isEmpty() ? Lookup.notFound("no CRL for " + issuer.getName() + " in the directory")
                    : Lookup.found(matching);
            }
            return current instanceof Lookup.Unavailable<CaMaterial> down ? Lookup.unavailable(down.reason())
                : Lookup.notFound("no CA entries in the directory");
        }

        @Override
        public long generation() {
            current();
            return generation;
        }

        void invalidate() {
            material.clear();
        }

        private synchronized Lookup<CaMaterial> current() {
            Optional<CaMaterial> cached = material.get("ca");
            if (cached.isPresent()) {
                return Lookup.found(cached.get());
            }
            Lookup<CaMaterial> answer = directory.caMaterial();
            if (answer instanceof Lookup.Found<CaMaterial> found) {
                material.put("ca", found.value(), clock.instant().plus(refresh));
                if (!found.value().equals(last)) {
                    last = found.value();
                    generation++;
                }
            }
            return answer;
        }
    }
}
