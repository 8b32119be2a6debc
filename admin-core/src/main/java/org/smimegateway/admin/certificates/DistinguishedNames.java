package org.smimegateway.admin.certificates;

import java.util.Map;
import javax.security.auth.x500.X500Principal;

/** Distinguished names as operators read them (CLI output, WebAdmin JSON, audit lines). */
public final class DistinguishedNames {
    /**
     * Attribute types Java prints only as OID and hex ({@code 1.2.840.113549.1.9.1=#16...}) in RFC 2253 form; with a
     * name they print as text, which is what an operator needs to recognise a certificate.
     */
    private static final Map<String, String> READABLE_TYPES = Map.of(
        "1.2.840.113549.1.9.1", "EMAILADDRESS",
        "2.5.4.5", "SERIALNUMBER",
        "2.5.4.4", "SURNAME",
        "2.5.4.42", "GIVENNAME",
        "2.5.4.12", "TITLE",
        "2.5.4.65", "PSEUDONYM",
        "2.5.4.97", "ORGANIZATIONIDENTIFIER",
        "2.5.4.15", "BUSINESSCATEGORY",
        "2.5.4.17", "POSTALCODE",
        "2.5.4.9", "STREET");

    private DistinguishedNames() {
    }

    /** RFC 2253 order and escaping, common types by name rather than OID and hex. */
    public static String readable(X500Principal principal) {
        return principal.getName(X500Principal.RFC2253, READABLE_TYPES);
    }
}
