package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.smimegateway.admin.CaService;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.DirectoryCaVault;
import org.smimegateway.admin.store.FileGatewayStore;
import org.smimegateway.admin.store.GatewayStore;
import picocli.CommandLine.Option;

/**
 * Where things live: the gateway's file store, and the CA's own folder. The file store reads only its six
 * folders (keys, certs, harvested, anchors, intermediates, crls), so the default {@code STORE/ca} is never misread
 * as gateway material; a folder outside James's configuration is still the better home for CA keys.
 */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "${env:SMIME_GATEWAY_STORE:-smime-store}",
        description = "The gateway's file store: the <file><directory> of its keystore.xml "
            + "(default: $SMIME_GATEWAY_STORE or ./smime-store).")
    Path store;

    @Option(names = "--ca-dir", paramLabel = "DIR", defaultValue = "${env:SMIME_ADMIN_CA_DIR}",
        description = "The CA's keys (encrypted), settings, revocations and CRL counter "
            + "(default: $SMIME_ADMIN_CA_DIR, else STORE/ca, which the gateway never reads).")
    Path caDir;

    Path caDirectory() {
        return caDir != null ? caDir : store.resolve("ca");
    }

    CaVault vault() {
        return new DirectoryCaVault(caDirectory());
    }

    GatewayStore gateway(Optional<char[]> keyPassword) {
        return new FileGatewayStore(store, keyPassword);
    }

    /** The CA as one service, acting as the operating-system user (audit trail). */
    CaService service() {
        return new CaService(vault(), gateway(), Clock.systemUTC(), System.getProperty("user.name"));
    }

    /** For commands that never write a key. */
    GatewayStore gateway() {
        return gateway(Optional.empty());
    }
}
