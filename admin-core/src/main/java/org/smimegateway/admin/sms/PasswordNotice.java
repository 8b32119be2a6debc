package org.smimegateway.admin.sms;

import java.util.Objects;
import java.util.Optional;

/**
 * A password to tell one person.
 *
 * @param address  the e-mail address the PKCS#12 file went to (for the text and for logs)
 * @param phone    where to send an SMS, if the channel needs it
 * @param password the secret itself; never logged, never in {@link #toString()}
 */
public record PasswordNotice(String address, Optional<String> phone, char[] password) {
    public PasswordNotice {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(password, "password");
        password = password.clone();
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    /** The human-readable message, short enough for one SMS. */
    public String text() {
        return "Password for the certificate file sent to " + address + ": " + new String(password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordNotice other && address.equals(other.address) && phone.equals(other.phone)
            && java.util.Arrays.equals(password, other.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, phone);
    }

    @Override
    public String toString() {
        return "PasswordNotice[" + address + ", phone=" + phone.orElse("-") + ", password=***]";
    }
}
