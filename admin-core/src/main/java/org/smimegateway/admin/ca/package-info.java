/**
 * The certificate authority itself: creating a root and an intermediate, issuing S/MIME end-user certificates from
 * the intermediate, and signing CRLs. Pure functions over keys and certificates; persistence lives in
 * {@code org.smimegateway.admin.store}.
 */
package org.smimegateway.admin.ca;
