/**
 * The second channel that carries a PKCS#12 password to its owner, separate from the mail that carries the file:
 * the {@link org.smimegateway.admin.sms.PasswordChannel} SPI, found by name through
 * {@link org.smimegateway.admin.sms.PasswordChannelProvider} and {@link java.util.ServiceLoader}
 * ({@link org.smimegateway.admin.sms.PasswordChannels}), with three built-ins: an HTTP SMS-gateway channel driven
 * by a URL template, and file and console channels for tests and closed networks.
 */
package org.smimegateway.admin.sms;
