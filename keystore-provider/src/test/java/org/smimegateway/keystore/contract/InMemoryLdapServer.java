package org.smimegateway.keystore.contract;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;

/**
 * UnboundID's in-memory directory on a free loopback port, with the standard schema (inetOrgPerson, pkiCA). Public
 * in the test-jar for other modules' tests.
 */
public final class InMemoryLdapServer implements LdapServer {
    private final InMemoryDirectoryServer server;

    public InMemoryLdapServer() throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(SUFFIX);
        config.addAdditionalBindCredentials(ADMIN_DN, ADMIN_PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("loopback",
            InetAddress.getLoopbackAddress(), 0, null));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + SUFFIX, "objectClass: top", "objectClass: domain", "dc: example");
        server.startListening();
    }

    @Override
    public String address() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getListenPort();
    }

    @Override
    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
