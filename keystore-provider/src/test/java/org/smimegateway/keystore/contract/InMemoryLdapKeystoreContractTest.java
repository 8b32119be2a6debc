package org.smimegateway.keystore.contract;

import java.nio.file.Path;

/** The keystore contract over the LDAP store, against UnboundID's in-memory directory over TCP (one per test). */
class InMemoryLdapKeystoreContractTest extends KeystoreContract {
    @Override
    KeystoreBackend newBackend(Path directory) throws Exception {
        return new LdapBackend(new InMemoryLdapServer(), true);
    }
}
