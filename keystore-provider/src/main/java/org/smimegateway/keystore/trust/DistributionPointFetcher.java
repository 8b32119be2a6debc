package org.smimegateway.keystore.trust;

import java.security.cert.X509CRL;
import java.util.List;
import org.smimegateway.keystore.Lookup;

/** Downloads the CRL published at a distribution point URI. Only used when the revocation policy allows it. */
public interface DistributionPointFetcher {

    /** The CRLs at {@code uri}; {@link Lookup.Unavailable} when the download failed. */
    Lookup<List<X509CRL>> fetch(String uri);

    /** A fetcher for closed networks: every distribution point is unavailable. */
    DistributionPointFetcher NONE = uri -> Lookup.unavailable("fetching CRL distribution points is disabled");
}
