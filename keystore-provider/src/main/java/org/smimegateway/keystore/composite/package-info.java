/**
 * Several keystore providers combined in a fixed order, with the rule that the first source holding certificates for
 * an address decides and an unavailable source stops the search.
 */
package org.smimegateway.keystore.composite;
