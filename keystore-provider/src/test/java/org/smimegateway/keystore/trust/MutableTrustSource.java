package org.smimegateway.keystore.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Lookup;

/** Trust material a test can change, counting how often CRLs are asked for. */
final class MutableTrustSource implements TrustSource {
    final List<X509Certificate> anchors = new CopyOnWriteArrayList<>();
    final List<X509Certificate> intermediates = new CopyOnWriteArrayList<>();
    final List<X509CRL> crls = new CopyOnWriteArrayList<>();
    final AtomicInteger crlQueries = new AtomicInteger();
    private final AtomicLong generation = new AtomicLong();
    volatile boolean unavailable;

    void addCrl(X509CRL crl) {
        crls.add(crl);
        generation.incrementAndGet();
    }

    @Override
    public List<X509Certificate> anchors() {
        return anchors;
    }

    @Override
    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    @Override
    public Lookup<List<X509CRL>> crls(X500Principal issuer) {
        crlQueries.incrementAndGet();
        if (unavailable) {
            return Lookup.unavailable("directory down");
        }
        List<X509CRL> matching = crls.stream().filter(c -> c.getIssuerX500Principal().equals(issuer)).toList();
        return matching.isEmpty() ? Lookup.notFound("none") : Lookup.found(matching);
    }

    @Override
    public long generation() {
        return generation.get();
    }
}
