package org.smimegateway.smime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;

import org.junit.jupiter.api.Test;

/**
 * The provider choice. The build runs the engine's tests twice: once with Amazon Corretto Crypto Provider on the
 * class path (chosen), once with {@code smimegateway.crypto.provider=jdk}; {@link #activeChoiceFollowsTheProperty}
 * shows which run this is.
 */
class CryptoProvidersTest {
    @Test
    void choosesTheNativeProviderWhenItsJarIsPresentAndItsSelfTestsPass() {
        CryptoProviders.Choice choice = CryptoProviders.choose(null, getClass().getClassLoader());

        assertThat(choice.status()).isEqualTo(CryptoProviders.Status.NATIVE);
        assertThat(choice.nativeProvider()).map(Provider::getName).contains("AmazonCorrettoCryptoProvider");
        assertThat(choice.describe()).startsWith("S/MIME crypto: AmazonCorrettoCryptoProvider 2.");
    }

    @Test
    void fallsBackToTheJdkAndSaysWhereToPutTheJarWhenItIsAbsent() throws Exception {
        try (URLClassLoader withoutAccp = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            CryptoProviders.Choice choice = CryptoProviders.choose("auto", withoutAccp);

            assertThat(choice.status()).isEqualTo(CryptoProviders.Status.NATIVE_ABSENT);
            assertThat(choice.nativeProvider()).isEmpty();
            assertThat(choice.describe()).isEqualTo("S/MIME crypto: JDK providers (Amazon Corretto Crypto Provider not"
                + " on the class path; add its linux-x86_64 jar to extensions-jars/ for native RSA and AES)");
        }
    }

    @Test
    void jdkSettingForcesTheJdkEvenWhenTheNativeProviderIsPresent() {
        CryptoProviders.Choice choice = CryptoProviders.choose(" JDK ", getClass().getClassLoader());

        assertThat(choice.status()).isEqualTo(CryptoProviders.Status.FORCED_JDK);
        assertThat(choice.nativeProvider()).isEmpty();
    }

    @Test
    void unknownSettingIsNamedWithTheAcceptedValuesAndUsesTheJdk() {
        CryptoProviders.Choice choice = CryptoProviders.choose("native", getClass().getClassLoader());

        assertThat(choice.status()).isEqualTo(CryptoProviders.Status.BAD_SETTING);
        assertThat(choice.nativeProvider()).isEmpty();
        assertThat(choice.reason()).isEqualTo("smimegateway.crypto.provider=native is not understood (accepted: auto, jdk);"
            + " using the JDK");
    }

    @Test
    void aForeignKeyIsConvertedToTheNativeProvidersOnceAndSignsTheSame() throws Exception {
        Provider accp = CryptoProviders.choose("auto", getClass().getClassLoader()).nativeProvider().orElseThrow();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair jdkKeys = generator.generateKeyPair();

        PrivateKey converted = CryptoProviders.nativeKey(accp, jdkKeys.getPrivate());

        assertThat(converted).isNotSameAs(jdkKeys.getPrivate());
        assertThat(converted.getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        assertThat(CryptoProviders.nativeKey(accp, jdkKeys.getPrivate())).isSameAs(converted);
        Signature signing = Signature.getInstance("SHA256withRSA", accp);
        signing.initSign(converted);
        signing.update(new byte[] {1, 2, 3});
        Signature verifying = Signature.getInstance("SHA256withRSA");
        verifying.initVerify(jdkKeys.getPublic());
        verifying.update(new byte[] {1, 2, 3});
        assertThat(verifying.verify(signing.sign())).isTrue();
    }

    @Test
    void activeChoiceFollowsThePropertyAndTheEngineCiphersComeFromIt() throws Exception {
        boolean forcedJdk = "jdk".equals(System.getProperty(CryptoProviders.PROPERTY));

        CryptoProviders.Choice active = CryptoProviders.active();
        Provider aes = CryptoProviders.cipher("AES/CBC/PKCS5Padding").getProvider();

        if (forcedJdk) {
            assertThat(active.status()).isEqualTo(CryptoProviders.Status.FORCED_JDK);
            assertThat(aes.getName()).isEqualTo("SunJCE");
            assertThat(CryptoProviders.offering("Signature", "SHA256withRSA")).isEmpty();
        } else {
            assertThat(active.status()).isEqualTo(CryptoProviders.Status.NATIVE);
            assertThat(aes).isSameAs(active.nativeProvider().orElseThrow());
            assertThat(CryptoProviders.offering("Signature", "SHA256withRSA")).contains(aes);
            assertThat(CryptoProviders.offering("Signature", "SHA256withRSAandMGF1")).isEmpty();
        }
    }
}
