/**
 * WebAdmin extension routes and health checks: thin James adapters over the admin core, the gateway's shared
 * keystore ({@link org.smimegateway.mailets.GatewayKeystores}) and policy ({@link org.smimegateway.policy.PolicyRegistry}).
 */
package org.smimegateway.webadmin;
