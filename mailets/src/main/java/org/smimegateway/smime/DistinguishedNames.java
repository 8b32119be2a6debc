package org.smimegateway.smime;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Distinguished names as every header of this gateway writes them: RFC 4514 order (the most specific RDN first, e.g.
 * {@code CN=Alice,O=Example,C=DE}) with Bouncy Castle's attribute names ({@code E=} for emailAddress), so that
 * {@code Signer-ID}, {@code Encryption-Recipient} and {@code Authentication-Results} name an issuer the same way.
 */
public final class DistinguishedNames {
    private DistinguishedNames() {
    }

    public static String rfc4514(X500Name name) {
        RDN[] rdns = name.getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        // BCStyle prints RDNs in the order given (and escapes values as RFC 4514 asks): given reversed, RFC 4514 order.
        return BCStyle.INSTANCE.toString(new X500Name(BCStyle.INSTANCE, reversed));
    }

    public static String rfc4514(X500Principal principal) {
        return rfc4514(X500Name.getInstance(principal.getEncoded()));
    }
}
