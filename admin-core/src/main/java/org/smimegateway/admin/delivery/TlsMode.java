package org.smimegateway.admin.delivery;

/** How the SMTP connection is protected. STARTTLS is required (not merely attempted) when chosen. */
public enum TlsMode {
    /** Plain SMTP, for a James listening on loopback or inside a trusted network. */
    NONE,
    /** Upgrade with STARTTLS and fail if the server does not offer it. */
    STARTTLS,
    /** Implicit TLS (port 465). */
    SMTPS
}
