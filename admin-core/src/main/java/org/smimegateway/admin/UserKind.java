package org.smimegateway.admin;

/**
 * Whose key it is. The gateway signs and decrypts for internal users, so it keeps their keys; external
 * correspondents get their key as a PKCS#12 file, and the gateway only needs their certificate.
 */
public enum UserKind {
    INTERNAL,
    EXTERNAL
}
