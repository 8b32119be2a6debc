package org.smimegateway.mailets;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.mail.MessagingException;

import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.config.KeystoreConfigLoader;
import org.smimegateway.keystore.config.KeystoreConfigurationException;
import org.smimegateway.matchers.KeystoreProviderRegistry;
import org.smimegateway.policy.PolicyLocation;

/**
 * One loaded keystore per configuration file for the whole James process: James builds every mailet separately,
 * but they must share one provider (one cache, one rescanning file store, one LDAP pool). Each provider is also
 * registered by name for the matchers.
 */
public final class GatewayKeystores {
    static final String DEFAULT_LOCATION = "conf/smime-gateway/keystore.xml";

    private static final Map<Path, KeystoreProvider> LOADED = new ConcurrentHashMap<>();

    private GatewayKeystores() {
    }

    static KeystoreProvider load(String parameter, String location, String registryName) throws MessagingException {
        Path path;
        try {
            path = PolicyLocation.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new MessagingException("Init parameter '" + parameter + "': " + e.getMessage());
        }
        try {
            // Loaded once and kept for the life of the process, with its rescans and connection pools.
            KeystoreProvider keystore = LOADED.computeIfAbsent(path,
                file -> new KeystoreConfigLoader(Clock.systemUTC()).load(file).provider());
            KeystoreProviderRegistry.register(registryName, keystore);
            return keystore;
        } catch (KeystoreConfigurationException e) {
            throw new MessagingException("Init parameter '" + parameter + "' (" + path + "): " + e.getMessage(), e);
        }
    }

    /**
     * The provider the mailets use for the keystore configuration at {@code location} (as written in
     * mailetcontainer.xml, e.g. {@code conf/smime-gateway/keystore.xml}), loading it if no mailet has yet. For the
     * WebAdmin routes and health checks, which must see and steer the very instance that decides about mail.
     *
     * @throws KeystoreConfigurationException when the file cannot be loaded
     * @throws IllegalArgumentException       when the location is not a file path
     */
    public static KeystoreProvider shared(String location) {
        Path path = PolicyLocation.resolve(location);
        return LOADED.computeIfAbsent(path, file -> new KeystoreConfigLoader(Clock.systemUTC()).load(file).provider());
    }

    /**
     * Makes the configuration at {@code location} stand for {@code provider}, as if loaded from there. For tests that
     * need answers a real store cannot give on demand (e.g. a directory that is down).
     */
    static void standIn(String location, KeystoreProvider provider) {
        LOADED.put(PolicyLocation.resolve(location), provider);
    }
}
