/**
 * Test-time PKI fixtures shared by every module's tests (published in this module's test-jar): {@link
 * org.smimegateway.keystore.testing.TestPki} generates CAs, end-entity certificates with any mix of key usage,
 * validity and addresses, and CRLs; {@link org.smimegateway.keystore.testing.PkiFiles} writes them as PEM, DER,
 * PKCS#7 and PKCS#12. Nothing binary is checked in.
 */
package org.smimegateway.keystore.testing;
