package org.smimegateway.keystore.ldap;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.FailoverServerSet;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.util.List;
import javax.net.SocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Builds the UnboundID connection pool from {@link LdapSettings}: fail-over across the configured servers, LDAPS or
 * StartTLS with host name verification, a simple bind when a bind DN is configured. Public so that other tools
 * writing to the same directory (the admin command line publishing CRLs) connect exactly as the gateway reads.
 */
public final class LdapConnector {
    private LdapConnector() {
    }

    /** A pool of at most {@code settings.poolSize()} connections; only the connection settings are used. */
    public static LDAPConnectionPool connect(LdapSettings settings) throws LDAPException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis((int) settings.connectTimeout().toMillis());
        options.setResponseTimeoutMillis(settings.responseTimeout().toMillis());
        options.setUseSynchronousMode(false);
        String[] hosts = new String[settings.servers().size()];
        int[] ports = new int[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            String server = settings.servers().get(i);
            int colon = server.lastIndexOf(':');
            if (colon <= 0) {
                throw new LDAPException(ResultCode.PARAM_ERROR, "server must be host:port: " + server);
            }
            hosts[i] = server.substring(0, colon);
            ports[i] = Integer.parseInt(server.substring(colon + 1));
        }
        SocketFactory sockets = SocketFactory.getDefault();
        PostConnectProcessor startTls = null;
        if (settings.tls() != TlsMode.NONE) {
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            SSLUtil ssl = new SSLUtil(trustManager(settings));
            try {
                if (settings.tls() == TlsMode.LDAPS) {
                    sockets = ssl.createSSLSocketFactory();
                } else {
                    startTls = new StartTLSPostConnectProcessor(ssl.createSSLSocketFactory());
                }
            } catch (GeneralSecurityException e) {
                throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS: " + e.getMessage(), e);
            }
        }
        FailoverServerSet servers = new FailoverServerSet(hosts, ports, sockets, options);
        BindRequest bind = settings.bindDn() == null ? null
            : new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
        LDAPConnectionPool pool = new LDAPConnectionPool(servers, bind, 1, settings.poolSize(), startTls);
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        pool.setConnectionPoolName("smime-keystore");
        return pool;
    }

    private static TrustManager trustManager(LdapSettings settings) throws LDAPException {
        if (settings.trustedCertificates() == null) {
            return JVMDefaultTrustManager.getInstance();
        }
        try {
            return new PEMFileTrustManager(List.of(settings.trustedCertificates().toFile()));
        } catch (KeyStoreException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot read trusted certificates "
                + settings.trustedCertificates() + ": " + e.getMessage(), e);
        }
    }
}
