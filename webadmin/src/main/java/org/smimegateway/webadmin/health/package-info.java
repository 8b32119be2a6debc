/**
 * The gateway's health checks in James's own list ({@code GET /healthcheck} on WebAdmin), loaded by James from the
 * drop-in jar through {@code healthcheck.properties} {@code additional.healthchecks}: keystore sources reachable,
 * policy file applied, CRLs fresh, own and CA certificates far from expiry. Each check is a thin adapter: it asks the
 * live keystore and policy the mailets use (the same instances) and turns the answer into James's {@code Result}.
 */
package org.smimegateway.webadmin.health;
