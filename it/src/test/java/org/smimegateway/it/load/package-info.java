/**
 * End-to-end load through a real James: mail goes in over SMTP on several kept-open connections and is timed until it
 * reaches the repository that stands for the relay's outgoing side. The same driver runs James's stock pipeline and
 * the gateway's, one after the other in one JVM, so their ratio is measured under the same conditions; the short
 * default is a CI smoke that checks what came out, the documented long run ({@code benchmarks/run-e2e.sh}) reports.
 */
package org.smimegateway.it.load;
