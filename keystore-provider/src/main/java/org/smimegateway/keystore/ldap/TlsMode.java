package org.smimegateway.keystore.ldap;

/** How the connection to the directory is protected. */
public enum TlsMode {
    /** Plain LDAP; only for directories on a trusted network segment. */
    NONE,
    /** TLS from the first byte ({@code ldaps://}, usually port 636). */
    LDAPS,
    /** Plain connection upgraded with the StartTLS extended operation before binding. */
    STARTTLS
}
