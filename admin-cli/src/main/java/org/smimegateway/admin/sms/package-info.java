/**
 * The second channel that carries a PKCS#12 password to its owner, separate from the mail that carries the file:
 * the {@link org.smimegateway.admin.sms.PasswordChannel} SPI, an HTTP SMS-gateway implementation driven by a URL
 * template, and file and console implementations for tests and closed networks.
 */
package org.smimegateway.admin.sms;
