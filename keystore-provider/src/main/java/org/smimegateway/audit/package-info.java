/**
 * The audit trail: {@link org.smimegateway.audit.AuditLog} writes one structured line per administrative act and per
 * security decision about a mail on its own logger, and keeps the latest events in
 * {@link org.smimegateway.audit.RecentAuditEvents} for the WebAdmin audit route and the console's Logs view. No
 * field ever holds a secret, so neither the log nor the buffer needs protecting beyond the operator's own access.
 */
package org.smimegateway.audit;
