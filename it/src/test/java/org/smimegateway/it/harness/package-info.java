/**
 * Boots a real Apache James 3.8.1 memory server in the test JVM with a configuration assembled from
 * {@code conf-samples} and the drop-in jar in its {@code extensions-jars} folder, and talks to it as clients and
 * peers would: SMTP in, IMAP and the outgoing repository out.
 */
package org.smimegateway.it.harness;
