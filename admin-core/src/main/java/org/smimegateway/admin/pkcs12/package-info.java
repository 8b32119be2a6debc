/**
 * Password-protected PKCS#12 files holding a user's key, certificate and chain: modern PBES2 (AES-256-CBC, PBKDF2
 * with HMAC-SHA-256) by default, 3DES only on explicit request for old clients, and generated passwords that are
 * strong yet easy to type from an SMS.
 */
package org.smimegateway.admin.pkcs12;
