/**
 * The gateway's built-in certificate authority as a library for the admin command line: the Bouncy Castle provider
 * instance every cryptographic call is handed, the key algorithms on offer, and the issuing workflow that ties the
 * CA, the store, PKCS#12 export and the two delivery channels together. Nothing here knows about James.
 */
package org.smimegateway.admin;
