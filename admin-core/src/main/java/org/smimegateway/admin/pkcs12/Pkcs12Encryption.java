package org.smimegateway.admin.pkcs12;

/**
 * How a PKCS#12 file is protected. The legacy choice exists because Windows before 10 1709, old Outlook and old
 * Android keychains cannot read PBES2; its name says it is legacy so nobody picks it by accident.
 */
public enum Pkcs12Encryption {
    /** PBES2: AES-256-CBC with PBKDF2-HMAC-SHA-256 for key and certificates, HMAC-SHA-256 integrity MAC. */
    AES_256_PBKDF2,
    /** PKCS#12 PBE with SHA-1 and 3-key triple DES, SHA-1 MAC: readable by very old clients only. */
    LEGACY_3DES;

    public static final Pkcs12Encryption DEFAULT = AES_256_PBKDF2;
}
