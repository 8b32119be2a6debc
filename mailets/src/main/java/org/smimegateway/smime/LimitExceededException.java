package org.smimegateway.smime;

import javax.mail.MessagingException;

/**
 * A message asks for more work than the gateway gives one message (MIME depth, parts, layers, signers). Not a
 * fault of the gateway: the mailets send such mail, intact, to their {@code limitProcessor} with this reason.
 */
public final class LimitExceededException extends MessagingException {
    private static final long serialVersionUID = 1L;

    public LimitExceededException(String reason) {
        super(reason);
    }
}
