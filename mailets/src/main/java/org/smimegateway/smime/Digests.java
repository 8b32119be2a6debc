package org.smimegateway.smime;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.smimegateway.keystore.Providers;

/**
 * Message digests for signing and verifying: the JDK's first (its SHA-2 uses CPU instructions and was several
 * times faster than Bouncy Castle's on large content), Bouncy Castle's for any algorithm the JDK lacks. Not the native
 * provider's ({@link CryptoProviders}): its SHA-256 crosses JNI on every update, half the JDK's speed for the small
 * updates the MIME and CMS streams make, and only 15 % faster on 8 KB ones (benchmarks/README.md).
 */
final class Digests {
    static final DigestCalculatorProvider JDK_FIRST = jdkFirst();

    private Digests() {
    }

    private static DigestCalculatorProvider jdkFirst() {
        try {
            DigestCalculatorProvider jdk = new JcaDigestCalculatorProviderBuilder().build();
            DigestCalculatorProvider bc = new JcaDigestCalculatorProviderBuilder().setProvider(Providers.BC).build();
            return new DigestCalculatorProvider() {
                @Override
                public DigestCalculator get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
                    try {
                        return jdk.get(algorithm);
                    } catch (OperatorCreationException e) {
                        return bc.get(algorithm);
                    }
                }
            };
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no JCA digests", e);
        }
    }
}
