package org.smimegateway.admin;

import java.util.Objects;
import java.util.Optional;
import org.smimegateway.admin.ca.EndUserRequest;

/**
 * One user to issue for, as read from the command line or a CSV row.
 *
 * @param certificate what goes into the certificate
 * @param kind        internal (key kept) or external (key exported)
 * @param phone       where the password SMS goes, for external users
 * @param keepKey     keep an external user's key as well (e.g. for key escrow)
 * @param exportPfx   write a PKCS#12 file even for an internal user
 */
public record IssueRequest(EndUserRequest certificate, UserKind kind, Optional<String> phone, boolean keepKey,
                           boolean exportPfx) {
    public IssueRequest {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phone, "phone");
    }

    public boolean keepsKey() {
        return kind == UserKind.INTERNAL || keepKey;
    }

    public boolean writesPfx() {
        return kind == UserKind.EXTERNAL || exportPfx;
    }
}
