package org.smimegateway.admin.ca;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.smimegateway.admin.KeyAlgorithm;

/**
 * One end-user certificate to issue.
 *
 * @param address      the e-mail address, which becomes the rfc822Name in subjectAltName (lower-cased)
 * @param commonName   CN of the subject; the address when not given
 * @param keyAlgorithm the user's key type
 * @param validityDays how long the certificate is valid
 * @param crlUrl       the CRL distribution point to embed, if any
 */
public record EndUserRequest(String address, Optional<String> commonName, KeyAlgorithm keyAlgorithm,
                             int validityDays, Optional<URI> crlUrl) {

    public static final int DEFAULT_VALIDITY_DAYS = 730;

    public EndUserRequest {
        Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(crlUrl, "crlUrl");
        address = normalise(address);
        if (validityDays < 1) {
            throw new IllegalArgumentException("validity must be at least one day, was " + validityDays);
        }
        crlUrl.ifPresent(CaProfile::requireHttp);
    }

    public String subjectCommonName() {
        return commonName.filter(cn -> !cn.isBlank()).orElse(address);
    }

    /** Lower-cases and checks the shape of an address: one '@', something on both sides, no spaces. */
    public static String normalise(String address) {
        if (address == null) {
            throw new IllegalArgumentException("an address is required");
        }
        String trimmed = address.trim().toLowerCase(Locale.ROOT);
        int at = trimmed.indexOf('@');
        if (at < 1 || at != trimmed.lastIndexOf('@') || at == trimmed.length() - 1 || trimmed.contains(" ")
            || trimmed.contains("/") || trimmed.contains("\\")) {
            throw new IllegalArgumentException("'" + address + "' is not an e-mail address");
        }
        return trimmed;
    }
}
