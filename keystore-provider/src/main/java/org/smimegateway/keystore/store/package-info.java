/**
 * The selection and harvesting rules, written once over a small {@link
 * org.smimegateway.keystore.store.CertificateStore} interface that the file and LDAP stores implement, so both
 * stores answer the same questions the same way.
 */
package org.smimegateway.keystore.store;
