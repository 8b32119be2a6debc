package org.smimegateway.admin.ldap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.smimegateway.keystore.contract.LdapServer;
import org.smimegateway.keystore.contract.SlapdServer;

/**
 * LDAP CRL publication against a real OpenLDAP slapd with Debian's core/cosine/inetorgperson schemas: the entries
 * the CLI creates (cRLDistributionPoint + pkiCA) must pass slapd's schema checks. Needs the {@code slapd} package;
 * skipped without it unless {@code CI=true}, where it fails.
 */
class SlapdLdapCrlPublicationIT extends LdapCrlPublicationContract {

    @BeforeAll
    static void requireSlapd() {
        if (SlapdServer.installed()) {
            return;
        }
        String message = "OpenLDAP slapd is not installed (Debian package slapd)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        assumeTrue(false, message);
    }

    @Override
    LdapServer startServer(Path directory) throws Exception {
        return SlapdServer.start(directory);
    }
}
