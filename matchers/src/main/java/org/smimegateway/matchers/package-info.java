/**
 * Thin Apache James matchers over the policy model in {@code org.smimegateway.policy}: locality, encrypt and
 * signing modes, S/MIME allowed, the subject trigger, recipients with a usable certificate, the S/MIME structure of
 * a message and the security attributes the engine sets. Each parses its condition once in {@code init()} and fails
 * James's start-up naming the bad part; policy decisions are logged, and kept in the mail's decision trace.
 */
package org.smimegateway.matchers;
