/**
 * The James-free S/MIME engine: signs ({@link org.smimegateway.smime.SmimeSigner}), encrypts
 * ({@link org.smimegateway.smime.SmimeEncryptor}), decrypts ({@link org.smimegateway.smime.SmimeDecryptor}) and
 * verifies ({@link org.smimegateway.smime.SmimeVerifier}, {@link org.smimegateway.smime.SmimeInspector}) javax.mail
 * messages with Bouncy Castle CMS through one explicit provider instance, and reports every layer it met
 * ({@link org.smimegateway.smime.InspectionResult}) for the security-info headers
 * ({@link org.smimegateway.smime.SecurityInfoHeaders}). Messages are handled as their exact bytes and streamed into
 * one buffer per result; what is signed is what is sent, what is verified is what is delivered, and decrypted
 * content is delivered byte for byte. Keys and trust come in as small functions, so the engine knows nothing of
 * where they are kept; outcomes that can legitimately differ are sealed interfaces, never exceptions. Verdicts are
 * words from one vocabulary ({@link org.smimegateway.smime.SmimeVerdict}: RFC 7281 result, stable reason code,
 * sentence for the reader), and a signature only vouches for the authors a message shows when
 * {@link org.smimegateway.smime.AuthorIdentity} says the signer covers every one of them.
 */
package org.smimegateway.smime;
