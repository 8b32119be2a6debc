package org.smimegateway.matchers;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.smimegateway.keystore.KeystoreProvider;

/**
 * Named {@link KeystoreProvider} instances for the whole James process. James builds matchers and mailets
 * separately and by class name, so whatever creates the provider (a mailet's {@code init()}, an extension module)
 * registers it here and the matchers look it up by name at match time; registering later than the matchers' init
 * is fine.
 */
public final class KeystoreProviderRegistry {
    /** The name used when a matcher or mailet does not name one. */
    public static final String DEFAULT = "default";

    private static final Map<String, KeystoreProvider> PROVIDERS = new ConcurrentHashMap<>();

    private KeystoreProviderRegistry() {
    }

    /** Registers (or replaces) the provider under {@code name}. */
    public static void register(String name, KeystoreProvider provider) {
        PROVIDERS.put(checked(name), Objects.requireNonNull(provider, "provider"));
    }

    /** Removes the provider under {@code name} if it is {@code provider} (so a replaced one is not removed). */
    public static void unregister(String name, KeystoreProvider provider) {
        PROVIDERS.remove(checked(name), provider);
    }

    public static Optional<KeystoreProvider> lookup(String name) {
        return Optional.ofNullable(PROVIDERS.get(checked(name)));
    }

    private static String checked(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a keystore provider name must not be blank");
        }
        return name.trim();
    }
}
