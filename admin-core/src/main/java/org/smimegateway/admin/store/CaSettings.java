package org.smimegateway.admin.store;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** What {@code init-ca} chose and later commands reuse: subject organisation and publication URLs. */
public record CaSettings(Optional<String> organization, Optional<URI> crlBaseUrl, Optional<URI> aiaBaseUrl) {
    public CaSettings {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(crlBaseUrl, "crlBaseUrl");
        Objects.requireNonNull(aiaBaseUrl, "aiaBaseUrl");
    }
}
