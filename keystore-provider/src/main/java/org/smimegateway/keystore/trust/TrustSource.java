package org.smimegateway.keystore.trust;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.smimegateway.keystore.Lookup;

/**
 * Where trust anchors, intermediate CA certificates and CRLs come from (files, a directory). Implementations are
 * thread-safe; {@link #generation()} changes whenever the material changes, which invalidates cached verdicts.
 */
public interface TrustSource {

    /** The certificates trusted without further proof. */
    List<X509Certificate> anchors();

    /** CA certificates usable to build paths; never trusted by themselves. */
    List<X509Certificate> intermediates();

    /** CRLs issued by {@code issuer}; {@link Lookup.Unavailable} when the source could not be asked. */
    Lookup<List<X509CRL>> crls(X500Principal issuer);

    /** A number that changes whenever anchors, intermediates or CRLs change. */
    long generation();
}
