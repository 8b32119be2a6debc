package org.smimegateway.admin.ca;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import org.smimegateway.admin.KeyAlgorithm;

/**
 * What an operator chooses when creating the CA.
 *
 * @param rootCommonName         CN of the self-signed root
 * @param intermediateCommonName CN of the issuing intermediate; must differ from the root's so that path building
 *                               never confuses the two
 * @param organization           optional O= for both subjects
 * @param keyAlgorithm           key type of both CA keys
 * @param validityDays           validity of both CA certificates
 * @param crlBaseUrl             where {@link PublishedNames} CRLs will be reachable over HTTP, if anywhere
 * @param aiaBaseUrl             where {@link PublishedNames} CA certificates will be reachable, if anywhere
 */
public record CaProfile(String rootCommonName, String intermediateCommonName, Optional<String> organization,
                        KeyAlgorithm keyAlgorithm, int validityDays, Optional<URI> crlBaseUrl,
                        Optional<URI> aiaBaseUrl) {

    public static final int DEFAULT_VALIDITY_DAYS = 1825;

    public CaProfile {
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(crlBaseUrl, "crlBaseUrl");
        Objects.requireNonNull(aiaBaseUrl, "aiaBaseUrl");
        if (rootCommonName == null || rootCommonName.isBlank()) {
            throw new IllegalArgumentException("the root common name must not be empty");
        }
        if (intermediateCommonName == null || intermediateCommonName.isBlank()) {
            throw new IllegalArgumentException("the intermediate common name must not be empty");
        }
        if (rootCommonName.equalsIgnoreCase(intermediateCommonName)) {
            throw new IllegalArgumentException("root and intermediate need distinct common names, both are '"
                + rootCommonName + "'");
        }
        if (validityDays < 1) {
            throw new IllegalArgumentException("validity must be at least one day, was " + validityDays);
        }
        crlBaseUrl.ifPresent(CaProfile::requireHttp);
        aiaBaseUrl.ifPresent(CaProfile::requireHttp);
    }

    static void requireHttp(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("ldap"))) {
            throw new IllegalArgumentException("publication URLs must be http, https or ldap, was " + uri);
        }
    }
}
