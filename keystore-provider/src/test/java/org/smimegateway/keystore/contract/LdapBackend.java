package org.smimegateway.keystore.contract;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.ldap.LdapCertificateStore;
import org.smimegateway.keystore.ldap.LdapSettings;
import org.smimegateway.keystore.store.StoreKeystoreProvider;
import org.smimegateway.keystore.testing.TestIdentity;
import org.smimegateway.keystore.trust.PathValidator;
import org.smimegateway.keystore.trust.RevocationPolicy;
import org.smimegateway.keystore.trust.StaticTrustSource;

/**
 * The LDAP store over a real server: users are inetOrgPerson entries with {@code userCertificate;binary}, CAs are
 * pkiCA entries with {@code cACertificate;binary} and {@code certificateRevocationList;binary}, each test under its
 * own organizational unit. Trust anchors are local configuration, as in production.
 */
final class LdapBackend implements KeystoreBackend {
    private static final AtomicInteger UNITS = new AtomicInteger();

    private final LdapServer server;
    private final boolean ownsServer;
    private final String base;
    private final List<X509Certificate> anchors = new ArrayList<>();
    private LdapCertificateStore store;
    private KeystoreProvider provider;

    /**
     * @param server     the directory
     * @param ownsServer whether closing the backend shuts the server down (a server per test)
     */
    LdapBackend(LdapServer server, boolean ownsServer) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.base = "ou=test" + UNITS.incrementAndGet() + "-" + System.nanoTime() + "," + LdapServer.SUFFIX;
        withConnection(connection -> {
            connection.add(new Entry(base, List.of(new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", new DN(base).getRDN().getAttributeValues()[0]))));
            return null;
        });
    }

    @Override
    public void publish(String address, X509Certificate... certificates) {
        List<byte[]> values = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            values.add(der(certificate));
        }
        upsertPerson(address, values);
    }

    @Override
    public boolean holdsPrivateKeys() {
        return false;
    }

    @Override
    public void addKeys(String owner, TestIdentity... identities) {
        throw new UnsupportedOperationException("a directory holds no private keys");
    }

    @Override
    public void addAnchor(X509Certificate anchor) {
        anchors.add(anchor);
    }

    @Override
    public void addIntermediate(X509Certificate intermediate) {
        addToCa(intermediate, "cACertificate;binary", der(intermediate));
    }

    @Override
    public void addCrl(X509CRL crl, X509Certificate issuer) {
        try {
            addToCa(issuer, "certificateRevocationList;binary", crl.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void prepareHarvest(String address) {
        upsertPerson(address, List.of());
    }

    @Override
    public KeystoreProvider provider() {
        if (provider == null) {
            LdapSettings settings = LdapSettings.defaults(List.of(server.address()), base)
                .withBind(LdapServer.ADMIN_DN, LdapServer.ADMIN_PASSWORD)
                .withWriteBack(true)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
            store = new LdapCertificateStore(settings, StaticTrustSource.anchorsOnly(anchors), Clock.systemUTC());
            provider = new StoreKeystoreProvider(store,
                new PathValidator(store.trust(), RevocationPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
        }
        return provider;
    }

    @Override
    public void refresh() {
        if (store != null) {
            store.invalidate();
        }
    }

    @Override
    public boolean canBecomeUnavailable() {
        return true;
    }

    @Override
    public void makeUnavailable() {
        server.stop();
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
        if (ownsServer) {
            server.close();
        }
    }

    private void upsertPerson(String address, List<byte[]> certificates) {
        String dn = new RDN("cn", address) + "," + base;
        withConnection(connection -> {
            if (connection.getEntry(dn) == null) {
                Entry entry = new Entry(dn);
                entry.addAttribute("objectClass", "top", "person", "organizationalPerson", "inetOrgPerson");
                entry.addAttribute("cn", address);
                entry.addAttribute("sn", address.substring(0, address.indexOf('@')));
                entry.addAttribute("mail", address);
                if (!certificates.isEmpty()) {
                    entry.addAttribute(new Attribute("userCertificate;binary", certificates.toArray(byte[][]::new)));
                }
                connection.add(entry);
            } else if (!certificates.isEmpty()) {
                connection.modify(dn, new Modification(ModificationType.ADD, "userCertificate;binary",
                    certificates.toArray(byte[][]::new)));
            }
            return null;
        });
    }

    private void addToCa(X509Certificate ca, String attribute, byte[] value) {
        String cn = "ca-" + Integer.toHexString(ca.getSubjectX500Principal().hashCode());
        String dn = "cn=" + cn + "," + base;
        withConnection(connection -> {
            if (connection.getEntry(dn) == null) {
                connection.add(new Entry(dn, List.of(
                    new Attribute("objectClass", "top", "applicationProcess", "pkiCA"),
                    new Attribute("cn", cn),
                    new Attribute(attribute, value))));
            } else {
                connection.modify(dn, new Modification(ModificationType.ADD, attribute, value));
            }
            return null;
        });
    }

    private <T> T withConnection(LdapWork<T> work) {
        String[] hostPort = server.address().split(":");
        try (LDAPConnection connection = new LDAPConnection(hostPort[0], Integer.parseInt(hostPort[1]),
            LdapServer.ADMIN_DN, LdapServer.ADMIN_PASSWORD)) {
            return work.run(connection);
        } catch (LDAPException e) {
            throw new IllegalStateException("seeding the directory failed: " + e.getMessage(), e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface LdapWork<T> {
        T run(LDAPConnection connection) throws LDAPException;
    }
}
