package org.smimegateway.admin.ldap;

import java.nio.file.Path;
import org.smimegateway.keystore.contract.InMemoryLdapServer;
import org.smimegateway.keystore.contract.LdapServer;

/** LDAP CRL publication against UnboundID's in-memory directory (standard schema) over TCP. */
class InMemoryLdapCrlPublicationTest extends LdapCrlPublicationContract {

    @Override
    LdapServer startServer(Path directory) throws Exception {
        return new InMemoryLdapServer();
    }
}
