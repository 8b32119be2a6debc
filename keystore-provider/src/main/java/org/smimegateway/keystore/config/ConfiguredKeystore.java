package org.smimegateway.keystore.config;

import java.util.List;
import java.util.Map;
import org.smimegateway.keystore.KeystoreProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider built from a configuration file, with its named sources and the resources (background rescans,
 * LDAP connection pools) to release on {@link #close()}.
 */
public final class ConfiguredKeystore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredKeystore.class);

    private final KeystoreProvider provider;
    private final Map<String, KeystoreProvider> sources;
    private final List<AutoCloseable> resources;

    ConfiguredKeystore(KeystoreProvider provider, Map<String, KeystoreProvider> sources,
                       List<AutoCloseable> resources) {
        this.provider = provider;
        this.sources = Map.copyOf(sources);
        this.resources = List.copyOf(resources);
    }

    /** The provider to hand to mailets and matchers (a composite when several sources are configured). */
    public KeystoreProvider provider() {
        return provider;
    }

    /** Each configured source by its name. */
    public Map<String, KeystoreProvider> sources() {
        return sources;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing keystore resource {} failed", resource, e);
            }
        }
    }
}
