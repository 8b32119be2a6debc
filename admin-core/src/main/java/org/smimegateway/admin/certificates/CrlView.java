package org.smimegateway.admin.certificates;

/**
 * A CRL of the file store as operators see it.
 *
 * @param nextUpdate  ISO-8601; null when the CRL names none
 * @param entries     how many certificates it revokes
 * @param fresh       whether it is current now (nextUpdate not passed); a stale CRL proves nothing to the gateway
 * @param issuerKnown whether a CA certificate of the store (anchor or intermediate) verifies its signature
 * @param file        the store file, relative to the store directory
 */
public record CrlView(String issuer, String thisUpdate, String nextUpdate, int entries, boolean fresh,
                      boolean issuerKnown, String sha256, String file) {
}
