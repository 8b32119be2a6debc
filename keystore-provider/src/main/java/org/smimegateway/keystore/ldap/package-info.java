/**
 * The LDAP store: recipients' certificates ({@code userSMIMECertificate}, {@code userCertificate;binary}), CA
 * certificates and CRLs from a directory through an UnboundID connection pool, with TTL and negative caching, and a
 * distinguishable "unavailable" answer when the directory cannot be reached.
 */
package org.smimegateway.keystore.ldap;
