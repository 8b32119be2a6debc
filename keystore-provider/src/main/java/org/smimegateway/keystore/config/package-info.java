/**
 * Declarative set-up: one XML file (read with Commons Configuration) names the file and LDAP sources, their order,
 * the revocation policy and where harvested certificates go, and yields a ready provider.
 */
package org.smimegateway.keystore.config;
