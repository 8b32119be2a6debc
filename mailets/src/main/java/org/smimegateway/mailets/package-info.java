/**
 * Thin Apache James adapters over the S/MIME engine: each mailet reads and checks its init parameters once in
 * {@code init()} and delegates the work to {@link org.smimegateway.smime}.
 */
package org.smimegateway.mailets;
