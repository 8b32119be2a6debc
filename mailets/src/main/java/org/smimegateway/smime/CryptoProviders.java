package org.smimegateway.smime;

import java.lang.reflect.InvocationTargetException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import javax.crypto.Cipher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider does the engine's RSA/ECDSA signing, RSA PKCS#1 v1.5 key transport and AES-CBC: Amazon Corretto
 * Crypto Provider (AWS-LC, native) when its jar is on our class loader and it passes its own self-tests, the JDK's
 * providers otherwise. (SHA-2 stays the JDK's, see {@link Digests}.) Chosen once per class loader, logged once; never registered with {@code Security} (James and other
 * extensions keep their providers), always handed to JCA calls as an instance, for the algorithms it offers only.
 *
 * <p>The system property {@value #PROPERTY} ({@code auto}, the default, or {@code jdk}) forces the JDK, e.g. to
 * compare or to rule the native library out; James reads it from {@code conf/jvm.properties}.
 */
public final class CryptoProviders {
    /** System property: {@code auto} (native when healthy) or {@code jdk}. */
    public static final String PROPERTY = "smimegateway.crypto.provider";
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
    private static final Logger LOGGER = LoggerFactory.getLogger(CryptoProviders.class);
    private static final Map<PrivateKey, PrivateKey> NATIVE_KEYS = new WeakHashMap<>();

    /** The choice and why it was made, for the start log line and the health check. */
    public record Choice(Optional<Provider> nativeProvider, Status status, String reason) {
        public String providerName() {
            return nativeProvider.map(p -> p.getName() + " " + p.getVersionStr()).orElse("JDK providers");
        }

        /** One line for operators: which provider and, when it is the JDK, why. */
        public String describe() {
            return "S/MIME crypto: " + providerName() + " (" + reason + ")";
        }
    }

    /** Why the choice fell as it did; {@link #NATIVE_BROKEN} and {@link #BAD_SETTING} need an operator's look. */
    public enum Status { NATIVE, FORCED_JDK, NATIVE_ABSENT, NATIVE_BROKEN, BAD_SETTING }

    private static final class Active {
        static final Choice CHOICE = logged(choose(System.getProperty(PROPERTY), CryptoProviders.class.getClassLoader()));
    }

    private CryptoProviders() {
    }

    /** The choice for this JVM (this class loader), made and logged on first use. */
    public static Choice active() {
        return Active.CHOICE;
    }

    /** The native provider when it is in use and offers this service ({@code Signature}, {@code SHA256withRSA}). */
    static Optional<Provider> offering(String type, String algorithm) {
        return active().nativeProvider().filter(p -> p.getService(type, algorithm) != null);
    }

    /**
     * A cipher for a full transformation ({@code AES/CBC/PKCS5Padding}): the native provider's when it has one, the
     * JDK's otherwise.
     */
    static Cipher cipher(String transformation) throws GeneralSecurityException {
        Optional<Provider> provider = active().nativeProvider();
        if (provider.isPresent()) {
            try {
                return Cipher.getInstance(transformation, provider.get());
            } catch (NoSuchAlgorithmException e) {
                // Not offered natively: the JDK's below.
            }
        }
        return Cipher.getInstance(transformation);
    }

    /**
     * The key as the provider's own: a foreign key (the JDK's, Bouncy Castle's) is converted into native form on every
     * {@code initSign}/{@code init}, which cost two thirds of an RSA-2048 signature. Converted once per key object
     * and kept while the keystore keeps that object (weak keys; the native copy does not refer to the original).
     */
    static PrivateKey nativeKey(Provider provider, PrivateKey key) {
        synchronized (NATIVE_KEYS) {
            PrivateKey converted = NATIVE_KEYS.get(key);
            if (converted != null) {
                return converted;
            }
        }
        PrivateKey converted;
        try {
            converted = (PrivateKey) KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Not convertible (an HSM handle, an unusual key): the provider is handed the key as it is.
            return key;
        }
        synchronized (NATIVE_KEYS) {
            NATIVE_KEYS.put(key, converted);
        }
        return converted;
    }

    static Choice choose(String setting, ClassLoader loader) {
        String value = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        if (value.equals("jdk")) {
            return new Choice(Optional.empty(), Status.FORCED_JDK, PROPERTY + "=jdk");
        }
        if (!value.equals("auto")) {
            return new Choice(Optional.empty(), Status.BAD_SETTING,
                PROPERTY + "=" + setting + " is not understood (accepted: auto, jdk); using the JDK");
        }
        Class<?> accp;
        try {
            accp = Class.forName(ACCP_CLASS, true, loader);
        } catch (ClassNotFoundException e) {
            return new Choice(Optional.empty(), Status.NATIVE_ABSENT,
                "Amazon Corretto Crypto Provider not on the class path; add its linux-x86_64 jar to extensions-jars/"
                    + " for native RSA and AES");
        } catch (LinkageError e) {
            return broken("cannot load: " + e);
        }
        try {
            Provider provider = (Provider) accp.getField("INSTANCE").get(null);
            Object loadingError = accp.getMethod("getLoadingError").invoke(provider);
            if (loadingError != null) {
                return broken("native library did not load: " + loadingError);
            }
            // Runs the provider's self-tests (once) and throws when any failed.
            accp.getMethod("assertHealthy").invoke(provider);
            return new Choice(Optional.of(provider), Status.NATIVE, "native, self-tests passed");
        } catch (InvocationTargetException e) {
            return broken("unhealthy: " + e.getCause());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return broken("unusable: " + e);
        }
    }

    private static Choice broken(String why) {
        return new Choice(Optional.empty(), Status.NATIVE_BROKEN,
            "Amazon Corretto Crypto Provider " + why + "; using the JDK");
    }

    private static Choice logged(Choice choice) {
        if (choice.status() == Status.NATIVE_BROKEN || choice.status() == Status.BAD_SETTING) {
            LOGGER.warn(choice.describe());
        } else {
            LOGGER.info(choice.describe());
        }
        return choice;
    }
}
