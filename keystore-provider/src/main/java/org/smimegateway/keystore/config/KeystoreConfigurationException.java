package org.smimegateway.keystore.config;

/** The keystore configuration is broken; the message names the element and what would be accepted. */
public final class KeystoreConfigurationException extends RuntimeException {
    public KeystoreConfigurationException(String message) {
        super(message);
    }

    public KeystoreConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
