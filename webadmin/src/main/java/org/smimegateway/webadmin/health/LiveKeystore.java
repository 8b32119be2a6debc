package org.smimegateway.webadmin.health;

import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.mailets.GatewayKeystores;
import org.smimegateway.webadmin.AdminSettings;

/** The keystore instance the mailets use (loaded here first if no mailet has yet). */
final class LiveKeystore {
    private LiveKeystore() {
    }

    static KeystoreProvider of(AdminSettings settings) {
        return GatewayKeystores.shared(settings.keystore());
    }
}
