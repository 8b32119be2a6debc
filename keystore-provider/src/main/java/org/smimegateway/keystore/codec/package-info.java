/**
 * Decoding of certificates and CRLs from the encodings found in files and directories (PEM, DER, PKCS#7), always
 * yielding plain JDK certificate objects.
 */
package org.smimegateway.keystore.codec;
