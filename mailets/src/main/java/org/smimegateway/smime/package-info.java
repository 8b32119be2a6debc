/**
 * The James-free S/MIME engine: sign, encrypt, decrypt and verify MIME messages with Bouncy Castle CMS.
 */
package org.smimegateway.smime;
