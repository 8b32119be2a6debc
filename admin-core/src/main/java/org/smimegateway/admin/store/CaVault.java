package org.smimegateway.admin.store;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import org.smimegateway.admin.ca.CaMaterial;
import org.smimegateway.admin.ca.Revocation;

/** The CA's own state: its keys (encrypted at rest), settings, revocations and CRL counter. */
public interface CaVault {

    boolean exists();

    /** Stores a new CA; refuses to overwrite an existing one. */
    void create(CaMaterial material, CaSettings settings, char[] password);

    /** Decrypts both CA keys; fails with a clear message on a wrong password. */
    CaMaterial unlock(char[] password);

    /** The CA certificates without unlocking: intermediate first, then root. */
    List<X509Certificate> chain();

    CaSettings settings();

    List<Revocation> revocations();

    void recordRevocation(Revocation revocation);

    /** Increments and returns the CRL number (RFC 5280 wants it monotonically increasing per issuer). */
    BigInteger nextCrlNumber();
}
