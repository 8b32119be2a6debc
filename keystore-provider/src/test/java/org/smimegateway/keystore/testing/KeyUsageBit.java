package org.smimegateway.keystore.testing;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The X.509 key usage bits that matter for S/MIME end-entity certificates. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    NON_REPUDIATION(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement);

    final int bcBit;

    KeyUsageBit(int bcBit) {
        this.bcBit = bcBit;
    }
}
