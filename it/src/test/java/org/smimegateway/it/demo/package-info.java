/**
 * README's demo as a test sees it: {@code ./demo-gateway.sh} started as its own process, its output collected and its
 * banner (ports, paths, the swaks line) read back, so {@code DemoGatewayIT} tries exactly what a person would.
 */
package org.smimegateway.it.demo;
