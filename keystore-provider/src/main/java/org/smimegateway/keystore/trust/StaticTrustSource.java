package org.smimegateway.keystore.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Lookup;

/** Fixed trust material, e.g. anchors read once from configuration. */
public record StaticTrustSource(List<X509Certificate> anchors, List<X509Certificate> intermediates,
                                List<X509CRL> crlList) implements TrustSource {
    public StaticTrustSource {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        crlList = List.copyOf(crlList);
    }

    /** Only these anchors. */
    public static StaticTrustSource anchorsOnly(List<X509Certificate> anchors) {
        return new StaticTrustSource(anchors, List.of(), List.of());
    }

    @Override
    public Lookup<List<X509CRL>> crls(X500Principal issuer) {
        List<X509CRL> matching = crlList.stream().filter(crl -> crl.getIssuerX500Principal().equals(issuer)).toList();
        return matching.isEmpty() ? Lookup.notFound("no CRL for " + issuer.getName()) : Lookup.found(matching);
    }

    @Override
    public long generation() {
        return 0;
    }
}
