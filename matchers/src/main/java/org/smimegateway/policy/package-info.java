/**
 * The James-free per-domain policy model: settings (locality, encryption and signing modes, algorithms, subject
 * trigger) resolved per address with inheritance global, then domain (exact before wildcards, most specific first),
 * then user; the XML policy file loader built on Apache Commons Configuration 2; a shared, hot-reloading holder per
 * policy file that keeps the last good policy when an edit is broken; the decision trace entries; and the names of
 * the mail attributes the S/MIME engine sets. Nothing here imports the mailet API, so the mailets module and tests
 * can use it directly.
 */
package org.smimegateway.policy;
