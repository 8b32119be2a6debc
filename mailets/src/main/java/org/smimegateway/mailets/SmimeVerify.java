package org.smimegateway.mailets;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.HarvestOutcome;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.smime.InspectionResult;
import org.smimegateway.smime.SecurityInfoHeaders;
import org.smimegateway.smime.SignerReport;
import org.smimegateway.smime.SmimeInspector;
import org.smimegateway.smime.SmimeVerifier;

/**
 * Verifies every S/MIME signature layer of a message (clear-signed and opaque, nested), validates signers through
 * the keystore provider and matches them against From, then stamps the security-info headers, an RFC 7281
 * {@code Authentication-Results} header and the matching mail attributes. Opaque signatures are unwrapped so any
 * client can read the mail (unless {@code unwrapOpaque} is false). Certificates of signatures that verified are
 * offered to the provider for harvesting.
 */
public class SmimeVerify extends GenericMailet {
    static final String KEYSTORE = "keystore";
    static final String KEYSTORE_NAME = "keystoreName";
    static final String PREFIX = "prefix";
    static final String AUTHSERV_ID = "authservId";
    static final String UNWRAP_OPAQUE = "unwrapOpaque";
    static final String HARVEST = "harvest";

    private static final Logger LOGGER = LoggerFactory.getLogger(SmimeVerify.class);

    private KeystoreProvider keystore;
    private SecurityInfoHeaders headers;
    private String prefix;
    private String authservId;
    private boolean unwrapOpaque;
    private boolean harvest;
    private SmimeInspector inspector;

    @Override
    public void init() throws MessagingException {
        checkInitParameters(Set.of(KEYSTORE, KEYSTORE_NAME, PREFIX, AUTHSERV_ID, UNWRAP_OPAQUE, HARVEST));
        Parameters parameters = new Parameters(getMailetConfig());
        keystore = GatewayKeystores.load(KEYSTORE, parameters.text(KEYSTORE, GatewayKeystores.DEFAULT_LOCATION),
            parameters.text(KEYSTORE_NAME, "default"));
        prefix = parameters.text(PREFIX, SecurityInfoHeaders.DEFAULT_PREFIX);
        headers = new SecurityInfoHeaders(prefix);
        authservId = parameters.optional(AUTHSERV_ID)
            .or(() -> Optional.ofNullable(getMailetContext().getPostmaster()).map(p -> p.getDomain().asString()))
            .orElseThrow(() -> new MessagingException("Init parameter '" + AUTHSERV_ID
                + "' is required when the mailet container has no postmaster address"));
        unwrapOpaque = parameters.bool(UNWRAP_OPAQUE, true);
        harvest = parameters.bool(HARVEST, true);
        inspector = new SmimeInspector(Optional.empty(), new SmimeVerifier(keystore::validate));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        InspectionResult result;
        try {
            result = inspector.inspect(mail.getMessage());
        } catch (IOException e) {
            throw new MessagingException("Mail " + mail.getName() + ": cannot read the message to verify", e);
        }
        if (unwrapOpaque && result.message() != mail.getMessage()) {
            // Headers inside the opaque content surface now: none of them may pose as our verdict.
            try {
                mail.setMessage(VerdictHeaders.cleaned(mail.getMessage(), result.message(), prefix, authservId));
            } catch (IOException e) {
                throw new MessagingException("Mail " + mail.getName() + ": cannot rebuild the unwrapped message", e);
            }
        }
        int offset = SecurityAttributeWriter.number(mail, SmimeDecrypt.DECRYPTED_LAYERS);
        SecurityAttributeWriter.headers(mail.getMessage(), headers.render(result, offset));
        mail.getMessage().addHeader("Authentication-Results", SecurityInfoHeaders.authenticationResults(authservId, result));
        SecurityAttributeWriter.flag(mail, SecurityAttributes.SIGNED, result.signed());
        SecurityAttributeWriter.flag(mail, SecurityAttributes.SIGNER_VERIFIED, result.verified());
        SecurityAttributeWriter.flag(mail, SecurityAttributes.SIGNER_TRUSTED, result.trusted());
        result.signatureLayers().stream().flatMap(l -> l.signers().stream()).findFirst()
            .flatMap(s -> s.emails().stream().findFirst())
            .ifPresent(email -> SecurityAttributeWriter.text(mail, SecurityAttributes.SIGNER, email));
        if (result.signed()) {
            LOGGER.info("Mail {}: signature verified={} trusted={}", mail.getName(), result.verified(), result.trusted());
        }
        if (harvest && result.verified()) {
            harvestSigners(mail, result);
        }
    }

    private void harvestSigners(Mail mail, InspectionResult result) throws MessagingException {
        String from = SmimeSign.senderOf(mail).orElse("");
        javax.mail.Address[] headerFrom = mail.getMessage().getFrom();
        if (headerFrom != null && headerFrom.length > 0 && headerFrom[0] instanceof javax.mail.internet.InternetAddress a) {
            from = a.getAddress();
        }
        for (SignerReport signer : result.signatureLayers().stream().flatMap(l -> l.signers().stream()).toList()) {
            if (signer.certificate().isPresent() && signer.verified()) {
                HarvestOutcome outcome = keystore.harvest(signer.certificate().get(), signer.carried(), from, true);
                LOGGER.debug("Mail {}: harvest of {}: {}", mail.getName(), signer.signerId(), outcome);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Verifies S/MIME signatures and stamps security-info headers";
    }
}
