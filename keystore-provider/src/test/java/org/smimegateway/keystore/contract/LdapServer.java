package org.smimegateway.keystore.contract;

/** A directory server the LDAP contract tests talk to over TCP on the loopback interface. */
public interface LdapServer extends AutoCloseable {
    String SUFFIX = "dc=example,dc=com";
    String ADMIN_DN = "cn=admin,dc=example,dc=com";
    String ADMIN_PASSWORD = "admin-secret";

    /** {@code host:port}. */
    String address();

    /** Stops the server so clients see a directory outage. */
    void stop();

    @Override
    void close();
}
