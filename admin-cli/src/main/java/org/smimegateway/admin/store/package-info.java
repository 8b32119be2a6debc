/**
 * Where the admin tool keeps things: the CA's own encrypted keys and revocation list ({@link
 * org.smimegateway.admin.store.CaVault}) and the certificates, user keys, trust anchors and CRLs the gateway reads
 * ({@link org.smimegateway.admin.store.GatewayStore}). Both are small interfaces so the directory layout can follow
 * the keystore provider's file store without touching the commands.
 */
package org.smimegateway.admin.store;
