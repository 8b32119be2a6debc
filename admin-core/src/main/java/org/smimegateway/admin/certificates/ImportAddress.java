package org.smimegateway.admin.certificates;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import org.smimegateway.admin.ca.EndUserRequest;
import org.smimegateway.keystore.CertificateProfile;

/**
 * The address a recipient certificate is filed under. The gateway indexes a certificate under the addresses it
 * names, whatever the file is called; only a domain file ({@code @domain.pem}) adds an address of its own, so the
 * requested address is either one the certificate names or a domain ({@code @partner.example}).
 */
public final class ImportAddress {
    private ImportAddress() {
    }

    /**
     * @param requested the operator's choice: null (the certificate's only address), an address it names, or
     *                  {@code @domain} / {@code *@domain} for the domain-wide certificate
     * @return a normalised address, or {@code *@domain}
     * @throws AdminProblem (bad input) when the choice does not fit the certificate
     */
    public static String of(X509Certificate certificate, String requested) {
        String wanted = requested == null || requested.isBlank() ? null : requested.trim();
        if (wanted != null && (wanted.startsWith("@") || wanted.startsWith("*@"))) {
            String domain = wanted.substring(wanted.indexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (domain.isEmpty() || domain.contains("@") || domain.contains("/") || domain.contains("\\")) {
                throw AdminProblem.badInput("'" + requested + "' is not a domain (@partner.example)");
            }
            return "*@" + domain;
        }
        List<String> addresses = CertificateProfile.addresses(certificate).stream().sorted().toList();
        if (wanted != null) {
            String normalised;
            try {
                normalised = EndUserRequest.normalise(wanted);
            } catch (IllegalArgumentException e) {
                throw AdminProblem.badInput(e.getMessage(), e);
            }
            if (addresses.stream().noneMatch(normalised::equalsIgnoreCase)) {
                throw AdminProblem.badInput("the certificate does not name " + normalised + "; the gateway would not "
                    + "use it for that address (give @domain for a domain certificate)");
            }
            return normalised;
        }
        if (addresses.size() != 1) {
            throw AdminProblem.badInput("the certificate names " + addresses.size() + " e-mail addresses "
                + addresses + "; say which one (address)");
        }
        return addresses.get(0);
    }
}
