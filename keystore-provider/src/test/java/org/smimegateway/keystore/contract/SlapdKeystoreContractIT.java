package org.smimegateway.keystore.contract;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The keystore contract over the LDAP store against a real OpenLDAP slapd (one per test, started by the test).
 * Needs the Debian packages {@code slapd} (server, back_mdb, schemas); without them the suite is skipped, except
 * under {@code CI=true}, where a missing slapd is a failure.
 */
class SlapdKeystoreContractIT extends KeystoreContract {

    @BeforeAll
    static void requireSlapd() {
        if (SlapdServer.installed()) {
            return;
        }
        String message = "OpenLDAP slapd is not installed (" + SlapdServer.SLAPD + ", " + SlapdServer.SCHEMAS
            + "); install the Debian package 'slapd' to run this suite";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    @Override
    KeystoreBackend newBackend(Path directory) throws Exception {
        return new LdapBackend(SlapdServer.start(directory), true);
    }
}
