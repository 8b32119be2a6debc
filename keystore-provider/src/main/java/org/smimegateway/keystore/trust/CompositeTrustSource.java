package org.smimegateway.keystore.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Lookup;

/**
 * Several trust sources seen as one (e.g. anchors from a local directory, intermediates and CRLs from LDAP). CRLs
 * from the sources that answered are combined; the result is unavailable only if a source was unavailable and no
 * source had any CRL.
 */
public final class CompositeTrustSource implements TrustSource {
    private final List<TrustSource> sources;

    public CompositeTrustSource(List<TrustSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public List<X509Certificate> anchors() {
        List<X509Certificate> all = new ArrayList<>();
        sources.forEach(source -> all.addAll(source.anchors()));
        return all;
    }

    @Override
    public List<X509Certificate> intermediates() {
        List<X509Certificate> all = new ArrayList<>();
        sources.forEach(source -> all.addAll(source.intermediates()));
        return all;
    }

    @Override
    public Lookup<List<X509CRL>> crls(X500Principal issuer) {
        List<X509CRL> all = new ArrayList<>();
        String unavailable = null;
        for (TrustSource source : sources) {
            Lookup<List<X509CRL>> answer = source.crls(issuer);
            if (answer instanceof Lookup.Found<List<X509CRL>> found) {
                all.addAll(found.value());
            } else if (answer instanceof Lookup.Unavailable<List<X509CRL>> down) {
                unavailable = down.reason();
            }
        }
        if (all.isEmpty() && unavailable != null) {
            return Lookup.unavailable(unavailable);
        }
        return all.isEmpty() ? Lookup.notFound("no CRL for " + issuer.getName()) : Lookup.found(List.copyOf(all));
    }

    @Override
    public long generation() {
        long generation = 17;
        for (TrustSource source : sources) {
            generation = generation * 31 + source.generation();
        }
        return generation;
    }
}
