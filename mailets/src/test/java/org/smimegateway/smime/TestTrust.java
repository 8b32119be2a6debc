package org.smimegateway.smime;

import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import org.smimegateway.keystore.trust.TrustVerdict;

/** Plain JDK PKIX path building to one anchor, no revocation: enough to tell trusted from untrusted in engine tests. */
final class TestTrust {
    private TestTrust() {
    }

    static BiFunction<X509Certificate, List<X509Certificate>, TrustVerdict> anchoredAt(X509Certificate anchor) {
        return (certificate, intermediates) -> {
            try {
                X509CertSelector target = new X509CertSelector();
                target.setCertificate(certificate);
                PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)), target);
                parameters.setRevocationEnabled(false);
                List<X509Certificate> pool = new ArrayList<>(intermediates);
                pool.add(certificate);
                parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
                PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
                @SuppressWarnings("unchecked")
                List<X509Certificate> path = (List<X509Certificate>) result.getCertPath().getCertificates();
                return new TrustVerdict.Trusted(path, result.getTrustAnchor().getTrustedCert());
            } catch (Exception e) {
                return new TrustVerdict.Untrusted(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        };
    }
}
