/**
 * The picocli command line over the admin library: one class per command, shared option groups as mixins, and
 * {@link org.smimegateway.admin.cli.Main} as the entry point of the runnable jar. Commands parse and print; the
 * work is done by {@code org.smimegateway.admin}.
 */
package org.smimegateway.admin.cli;
