package org.smimegateway.smime;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.smimegateway.keystore.Providers;

/**
 * Message digests for signing and verifying: the native provider's when in use ({@link CryptoProviders}), then the
 * JDK's (its SHA-2 uses CPU instructions and was several times faster than Bouncy Castle's on large content), then
 * Bouncy Castle's for any algorithm neither has.
 */
final class Digests {
    static final DigestCalculatorProvider FASTEST = inOrder();

    private Digests() {
    }

    private static DigestCalculatorProvider inOrder() {
        try {
            List<DigestCalculatorProvider> providers = new ArrayList<>();
            CryptoProviders.active().nativeProvider()
                .map(p -> new JcaDigestCalculatorProviderBuilder().setProvider(p))
                .ifPresent(builder -> providers.add(build(builder)));
            providers.add(new JcaDigestCalculatorProviderBuilder().build());
            providers.add(new JcaDigestCalculatorProviderBuilder().setProvider(Providers.BC).build());
            return algorithm -> {
                OperatorCreationException last = null;
                for (DigestCalculatorProvider provider : providers) {
                    try {
                        return provider.get(algorithm);
                    } catch (OperatorCreationException e) {
                        last = e;
                    }
                }
                throw last;
            };
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no JCA digests", e);
        }
    }

    private static DigestCalculatorProvider build(JcaDigestCalculatorProviderBuilder builder) {
        try {
            return builder.build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("no JCA digests", e);
        }
    }
}
