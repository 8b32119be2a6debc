/**
 * Where the admin tool keeps things: the CA's own encrypted keys and revocation list ({@link
 * org.smimegateway.admin.store.CaVault}, in its own folder) and the certificates, user keys, trust anchors and CRLs
 * the gateway reads ({@link org.smimegateway.admin.store.GatewayStore}), written straight into the keystore
 * provider's file store and read back through it, so the CLI and the gateway can never disagree on the layout.
 */
package org.smimegateway.admin.store;
