/**
 * The keystore provider SPI: everything the gateway's mailets and matchers ask about keys, certificates and
 * trust, answered without any knowledge of James, files or LDAP.
 */
package org.smimegateway.keystore;
