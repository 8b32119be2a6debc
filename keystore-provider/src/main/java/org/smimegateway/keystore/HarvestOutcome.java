package org.smimegateway.keystore;

/** What happened to a certificate offered for harvesting. */
public sealed interface HarvestOutcome permits HarvestOutcome.Stored, HarvestOutcome.AlreadyKnown, HarvestOutcome.Refused {

    record Stored(String address) implements HarvestOutcome {
    }

    record AlreadyKnown(String address) implements HarvestOutcome {
    }

    record Refused(String reason) implements HarvestOutcome {
    }
}
