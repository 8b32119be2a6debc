/**
 * Independent S/MIME engines and PKI tools on this machine (OpenSSL, gpgsm, NSS), run as processes so that what
 * the gateway produces is judged by someone else's code.
 */
package org.smimegateway.it.tools;
