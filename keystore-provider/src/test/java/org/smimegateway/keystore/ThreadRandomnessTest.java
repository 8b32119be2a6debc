package org.smimegateway.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;

import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.junit.jupiter.api.Test;

class ThreadRandomnessTest {
    @Test
    void eachThreadDrawsFromItsOwnDrbgSoNoThreadWaitsForAnother() throws Exception {
        SecureRandom mine = ThreadRandomness.current();
        SecureRandom other = CompletableFuture.supplyAsync(ThreadRandomness::current).get();

        assertThat(ThreadRandomness.current()).isSameAs(mine);
        assertThat(other).isNotSameAs(mine);
        assertThat(mine.getAlgorithm()).isEqualTo("DRBG");
        assertThat(mine.getParameters().toString()).contains("256");
    }

    @Test
    void ourBouncyCastleDrawsItsDefaultRandomnessFromTheThreadsDrbgOnceProvidersIsLoaded() throws Exception {
        assertThat(Providers.BC).isNotNull();

        assertThat(CryptoServicesRegistrar.getSecureRandom()).isSameAs(ThreadRandomness.current());
        SecureRandom otherThreads = CompletableFuture.supplyAsync(CryptoServicesRegistrar::getSecureRandom).get();
        assertThat(otherThreads).isNotSameAs(ThreadRandomness.current());
    }

    @Test
    void drawsDifferentBytesEachTime() {
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        ThreadRandomness.current().nextBytes(first);
        ThreadRandomness.current().nextBytes(second);
        assertThat(first).isNotEqualTo(second);
    }
}
