package org.smimegateway.admin.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.smimegateway.admin.store.CaVault;
import org.smimegateway.admin.store.DirectoryCaVault;
import org.smimegateway.admin.store.DirectoryGatewayStore;
import org.smimegateway.admin.store.GatewayStore;
import picocli.CommandLine.Option;

/** Where the store lives. The CA keeps its own files in the {@code ca} folder inside it. */
final class StoreOptions {

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "${env:SMIME_GATEWAY_STORE:-smime-store}",
        description = "The gateway's certificate store directory (default: $SMIME_GATEWAY_STORE or ./smime-store).")
    Path store;

    CaVault vault() {
        return new DirectoryCaVault(store.resolve("ca"));
    }

    GatewayStore gateway(Supplier<char[]> keyPassword) {
        return new DirectoryGatewayStore(store, keyPassword);
    }

    GatewayStore readOnlyGateway() {
        return new DirectoryGatewayStore(store, () -> {
            throw new IllegalArgumentException("this command does not read or write private keys");
        });
    }
}
