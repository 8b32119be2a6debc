/**
 * Publication of the CA certificates and CRLs to an LDAP directory (RFC 4523 {@code cACertificate;binary} and
 * {@code certificateRevocationList;binary} of a pkiCA entry), the place the gateway's LDAP store and LDAP CRL
 * distribution points read them from. The connection is built by the keystore provider's own
 * {@code LdapConnector}, so the CLI reaches the directory exactly as the gateway does.
 */
package org.smimegateway.admin.ldap;
