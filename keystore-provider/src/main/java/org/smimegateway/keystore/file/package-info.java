/**
 * The file store: a directory operators manage by hand ({@code keys/}, {@code certs/}, {@code harvested/},
 * {@code anchors/}, {@code intermediates/}, {@code crls/}), rescanned periodically with one log line per file loaded
 * or rejected.
 */
package org.smimegateway.keystore.file;
