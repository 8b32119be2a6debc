/**
 * Mailing a PKCS#12 file to its owner: the instruction mail (text plus attachment, never the password), its S/MIME
 * clear signature made directly with Bouncy Castle CMS, and SMTP submission through JavaMail.
 */
package org.smimegateway.admin.delivery;
