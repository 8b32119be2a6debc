/** A small size-bounded cache with per-entry expiry, shared by the validator and the LDAP store. */
package org.smimegateway.keystore.cache;
