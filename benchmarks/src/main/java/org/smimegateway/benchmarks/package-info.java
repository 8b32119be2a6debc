/**
 * JMH benchmarks: the gateway's engine (from the drop-in jar, Bouncy Castle relocated) against Bouncy Castle's
 * bcmail used the straightforward way, {@code openssl cms}, and the raw RSA, SHA-256 and AES limits of this JVM.
 */
package org.smimegateway.benchmarks;
