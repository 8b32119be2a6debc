package org.smimegateway.admin.sms;

/**
 * A kind of password channel, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/org.smimegateway.admin.sms.PasswordChannelProvider} of a jar on the class path, and
 * {@code --password-channel <name>} selects it. The built-ins are {@code console}, {@code file} and {@code http}.
 */
public interface PasswordChannelProvider {

    /** The name operators select it by, compared ignoring case. */
    String name();

    /**
     * A channel configured by {@code settings}. Unknown or missing options are broken configuration: throw
     * {@link IllegalArgumentException} naming the option and what is accepted.
     */
    PasswordChannel open(ChannelSettings settings);
}
