package org.smimegateway.matchers;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smimegateway.keystore.EncryptionCertificates;
import org.smimegateway.keystore.KeystoreProvider;
import org.smimegateway.keystore.Lookup;
import org.smimegateway.policy.InvalidPolicyException;
import org.smimegateway.policy.PolicyRegistry;
import org.smimegateway.policy.PolicySource;
import org.smimegateway.policy.SecurityAttributes;
import org.smimegateway.policy.TraceEntry;

/**
 * Matches exactly the recipients the keystore has a usable encryption certificate for, so James splits the mail
 * into an encryptable part and the rest: {@code RecipientHasEncryptionCertificate=keystore=default}. A keystore that
 * cannot be asked is never taken for "no certificate": such recipients do not match, are named in the
 * {@link SecurityAttributes#KEYSTORE_UNAVAILABLE} attribute (route them to a retry processor) and in the trace.
 * Each evaluation replaces that attribute with what it found (removes it when every lookup answered), so a retried
 * mail is judged on the directory as it is now.
 */
public class RecipientHasEncryptionCertificate extends GenericMatcher {
    static final String KEYSTORE = "keystore";
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientHasEncryptionCertificate.class);
    private static final AttributeName UNAVAILABLE = AttributeName.of(SecurityAttributes.KEYSTORE_UNAVAILABLE);

    private String keystore;
    private Optional<PolicySource> policy;
    private String decider;

    @Override
    public void init() throws MessagingException {
        MatcherCondition condition = MatcherCondition.parse(getMatcherName(), getCondition(), false,
            Set.of(KEYSTORE, PolicyMatcher.POLICY));
        keystore = condition.option(KEYSTORE, KeystoreProviderRegistry.DEFAULT);
        if (keystore.isBlank()) {
            throw condition.invalid("option '" + KEYSTORE + "'", "must name a registered keystore provider");
        }
        Optional<String> location = condition.option(PolicyMatcher.POLICY);
        try {
            // The policy file only decides whether the trace also goes into a header.
            policy = location.isPresent() ? Optional.of(PolicyRegistry.shared(location.get())) : Optional.empty();
        } catch (InvalidPolicyException | IllegalArgumentException e) {
            throw condition.invalid("option '" + PolicyMatcher.POLICY + "=" + location.get() + "'",
                "cannot be used: " + e.getMessage());
        }
        // The simple name: James is given our matchers by full class name, which would drown the trace.
        decider = getClass().getSimpleName()
            + (getCondition() == null || getCondition().isBlank() ? "" : "=" + getCondition().trim());
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        Optional<KeystoreProvider> provider = KeystoreProviderRegistry.lookup(keystore);
        List<MailAddress> matched = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        List<TraceEntry> entries = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Lookup<EncryptionCertificates> lookup = provider
                .map(p -> lookup(p, recipient))
                .orElseGet(() -> Lookup.unavailable("no keystore provider is registered as '" + keystore + "'"));
            Verdict verdict = verdict(lookup);
            if (verdict.matched()) {
                matched.add(recipient);
            }
            if (lookup instanceof Lookup.Unavailable<EncryptionCertificates>) {
                unavailable.add(recipient.asString());
            }
            entries.add(new TraceEntry(decider, recipient.asString(), verdict.matched(), verdict.reason()));
        }
        recordUnavailable(mail, unavailable);
        Decisions.report(mail, decider, entries, policy.map(p -> p.current().traceHeader()).orElse(false));
        return matched;
    }

    private static Lookup<EncryptionCertificates> lookup(KeystoreProvider provider, MailAddress recipient) {
        try {
            return provider.encryptionCertificates(recipient.asString());
        } catch (RuntimeException e) {
            // A failing provider must hold the mail like an unreachable one, not let it go out in plaintext.
            LOGGER.warn("Keystore lookup for {} failed", recipient.asString(), e);
            return Lookup.unavailable("keystore lookup failed: " + e);
        }
    }

    private static Verdict verdict(Lookup<EncryptionCertificates> lookup) {
        if (lookup instanceof Lookup.Found<EncryptionCertificates> found) {
            EncryptionCertificates certificates = found.value();
            if (certificates.isUsable()) {
                X509Certificate first = certificates.usable().get(0);
                return Verdict.matched(certificates.usable().size() + " usable certificate(s), first issued to "
                    + first.getSubjectX500Principal().getName() + " serial " + first.getSerialNumber().toString(16));
            }
            return Verdict.notMatched("no usable certificate; rejected: " + certificates.rejected().stream()
                .map(EncryptionCertificates.Rejection::reason).collect(Collectors.joining("; ")));
        }
        if (lookup instanceof Lookup.NotFound<EncryptionCertificates> notFound) {
            return Verdict.notMatched("no certificate: " + notFound.reason());
        }
        Lookup.Unavailable<EncryptionCertificates> down = (Lookup.Unavailable<EncryptionCertificates>) lookup;
        return Verdict.notMatched("keystore unavailable: " + down.reason());
    }

    /**
     * The marker says what this evaluation found, never what an earlier one did: a held mail that is retried once
     * the directory answers again must not be held a second time for an outage that is over. Every recipient of
     * this mail was just asked, so earlier entries for them are dropped; entries for addresses that are no longer
     * recipients of this mail (another part of a split) mean nothing here and go too.
     */
    private static void recordUnavailable(Mail mail, List<String> recipients) {
        if (recipients.isEmpty()) {
            mail.removeAttribute(UNAVAILABLE);
            return;
        }
        List<AttributeValue<?>> values = recipients.stream().<AttributeValue<?>>map(AttributeValue::of).toList();
        mail.setAttribute(new Attribute(UNAVAILABLE, AttributeValue.of(values)));
    }

    @Override
    public String getMatcherInfo() {
        return "Recipients with a usable encryption certificate in the keystore";
    }
}
