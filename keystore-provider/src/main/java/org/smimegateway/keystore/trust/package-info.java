/**
 * Certificate path validation to configured trust anchors, with revocation from local and directory CRLs and,
 * only when enabled, from CRL distribution points.
 */
package org.smimegateway.keystore.trust;
