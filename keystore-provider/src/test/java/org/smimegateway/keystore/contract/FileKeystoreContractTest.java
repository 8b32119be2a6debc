package org.smimegateway.keystore.contract;

import java.nio.file.Path;

/** The keystore contract over the file store. */
class FileKeystoreContractTest extends KeystoreContract {
    @Override
    KeystoreBackend newBackend(Path directory) {
        return new FileBackend(directory);
    }
}
