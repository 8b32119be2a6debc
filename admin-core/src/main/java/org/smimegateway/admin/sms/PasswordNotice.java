package org.smimegateway.admin.sms;

import java.util.Objects;
import java.util.Optional;

/**
 * A password to tell one person.
 *
 * @param address  the e-mail address the PKCS#12 file went to (for the text and for logs)
 * @param phone    where to send an SMS, if the channel needs it
 * @param password the secret itself; never logged, never in {@link #toString()}; for a test notice its marker
 * @param test     an operator's test of the channel ({@link #test(String, Optional, String)}): no password at all
 */
public record PasswordNotice(String address, Optional<String> phone, char[] password, boolean test) {
    public PasswordNotice {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(password, "password");
        password = password.clone();
    }

    public PasswordNotice(String address, Optional<String> phone, char[] password) {
        this(address, phone, password, false);
    }

    /**
     * A harmless notice to check that a channel reaches its recipient: it carries {@code marker} (which the operator
     * looks for on the other end) where a password would go, and a text that says it is a test.
     */
    public static PasswordNotice test(String address, Optional<String> phone, String marker) {
        return new PasswordNotice(address, phone, marker.toCharArray(), true);
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    /** The human-readable message, short enough for one SMS. */
    public String text() {
        if (test) {
            return "Test notice " + new String(password) + " from the secure-mail gateway for " + address
                + ": the password channel works. No password, nothing to do.";
        }
        return "Password for the certificate file sent to " + address + ": " + new String(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordNotice other && address.equals(other.address) && phone.equals(other.phone)
            && java.util.Arrays.equals(password, other.password) && test == other.test;
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, phone, test);
    }

    @Override
    public String toString() {
        return "PasswordNotice[" + address + ", phone=" + phone.orElse("-") + (test ? ", test " + new String(password)
            : ", password=***") + "]";
    }
}
