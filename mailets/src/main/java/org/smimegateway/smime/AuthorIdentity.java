package org.smimegateway.smime;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

/**
 * Who a message says wrote it, and whether a signer's certificate vouches for that. The rules (also the table in
 * {@code mailets/README.md}):
 * <ul>
 *   <li>The authors are the mailboxes of the one {@code From} field (RFC 5322 3.6.2). No From field, several From
 *   fields, or a From that is not a list of readable mailboxes (a display name alone, a group, a broken address) is
 *   a permerror: nobody can be vouched for.</li>
 *   <li>From with several mailboxes requires a {@code Sender} (RFC 5322); without one it is a permerror. A Sender
 *   must be exactly one readable mailbox in one field.</li>
 *   <li>A signature vouches for the message only when the signer's certificate covers <em>every</em> From address.
 *   Sender never stands in for an author: a secretary's signature does not vouch for the boss's From, and a list
 *   that sets Sender does not need to have signed.</li>
 *   <li>A display name (or comment) that contains an e-mail address other than the one it labels, as in
 *   {@code "ceo@corp.example" <mallory@evil.example>}, is flagged and keeps the signature from passing: mail
 *   clients show the name beside the verdict.</li>
 * </ul>
 * Never throws on what the message holds: every oddity is a verdict.
 *
 * @param from    the From mailboxes (lower-case addresses) that could be read
 * @param sender  the Sender mailbox, when there is exactly one readable
 * @param problem why nobody can be vouched for, when so
 */
public record AuthorIdentity(List<Mailbox> from, Optional<Mailbox> sender, Optional<SmimeVerdict> problem) {
    /** Something that reads as an e-mail address inside a display name; full-width and other forms are folded first. */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[^\\s<>()\\[\\],;:\"@]+@[^\\s<>()\\[\\],;:\"@]+");

    /** @param displayName as a client shows it (encoded words decoded), empty when there is none */
    public record Mailbox(String address, String displayName) {
    }

    public AuthorIdentity {
        from = List.copyOf(from);
    }

    public static AuthorIdentity of(MimeMessage message) {
        try {
            return of(message.getHeader("From"), message.getHeader("Sender"));
        } catch (MessagingException e) {
            return new AuthorIdentity(List.of(), Optional.empty(), Optional.of(SmimeVerdict.fromUnreadable(e.getMessage())));
        }
    }

    /** @param fromFields the values of every From field (null or empty: none), likewise {@code senderFields} */
    public static AuthorIdentity of(String[] fromFields, String[] senderFields) {
        if (fromFields == null || fromFields.length == 0) {
            return new AuthorIdentity(List.of(), Optional.empty(), Optional.of(SmimeVerdict.fromMissing()));
        }
        List<Mailbox> from = new ArrayList<>();
        Optional<SmimeVerdict> problem = Optional.empty();
        for (String field : fromFields) {
            Parsed parsed = mailboxes(field);
            from.addAll(parsed.mailboxes());
            if (problem.isEmpty() && parsed.problem().isPresent()) {
                problem = Optional.of(SmimeVerdict.fromUnreadable(parsed.problem().get()));
            }
        }
        if (fromFields.length > 1) {
            // Which of them a client shows differs from client to client: none can be vouched for.
            problem = Optional.of(SmimeVerdict.fromRepeated(fromFields.length));
        }
        Optional<Mailbox> sender = Optional.empty();
        if (senderFields != null && senderFields.length > 0) {
            Parsed parsed = mailboxes(senderFields[0]);
            if (senderFields.length > 1 || parsed.problem().isPresent() || parsed.mailboxes().size() != 1) {
                problem = problem.or(() -> Optional.of(SmimeVerdict.senderUnreadable(senderFields.length + " field(s), "
                    + parsed.mailboxes().size() + " mailbox(es)" + parsed.problem().map(p -> ", " + p).orElse(""))));
            } else {
                sender = Optional.of(parsed.mailboxes().get(0));
            }
        } else if (from.size() > 1) {
            problem = problem.or(() -> Optional.of(SmimeVerdict.senderMissing(from.size())));
        }
        return new AuthorIdentity(from, sender, problem);
    }

    private record Parsed(List<Mailbox> mailboxes, Optional<String> problem) {
    }

    private static Parsed mailboxes(String field) {
        InternetAddress[] addresses;
        try {
            addresses = InternetAddress.parseHeader(MimeUtility.unfold(field), true);
        } catch (AddressException e) {
            return new Parsed(List.of(), Optional.of(e.getMessage()));
        }
        if (addresses.length == 0) {
            return new Parsed(List.of(), Optional.of("no address"));
        }
        List<Mailbox> mailboxes = new ArrayList<>();
        for (InternetAddress address : addresses) {
            if (address.isGroup()) {
                return new Parsed(mailboxes, Optional.of("a group is not a mailbox"));
            }
            try {
                address.validate();
            } catch (AddressException e) {
                return new Parsed(mailboxes, Optional.of(e.getMessage()));
            }
            if (address.getAddress().indexOf('@') < 1) {
                return new Parsed(mailboxes, Optional.of("no domain"));
            }
            mailboxes.add(new Mailbox(address.getAddress().toLowerCase(Locale.ROOT),
                Optional.ofNullable(address.getPersonal()).orElse("")));
        }
        return new Parsed(mailboxes, Optional.empty());
    }

    /** The From addresses, lower case. */
    public List<String> authors() {
        return from.stream().map(Mailbox::address).toList();
    }

    /** From mailboxes whose display name shows an address other than their own. */
    public List<Mailbox> misleadingDisplayNames() {
        return from.stream().filter(AuthorIdentity::misleading).toList();
    }

    static boolean misleading(Mailbox mailbox) {
        // NFKC folds full-width "＠" and similar look-alikes into plain ASCII before looking for addresses.
        String shown = Normalizer.normalize(mailbox.displayName(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Matcher matcher = ADDRESS_LIKE.matcher(shown);
        while (matcher.find()) {
            if (!matcher.group().equals(mailbox.address())) {
                return true;
            }
        }
        return false;
    }

    /** The first flag a reader should see about the authors, signed or not: a problem, else a misleading name. */
    public Optional<SmimeVerdict> flag() {
        return problem.or(() -> misleadingDisplayNames().stream().findFirst()
            .map(m -> SmimeVerdict.displayNameMismatch(m.displayName(), m.address())));
    }

    /**
     * Whether a certificate with these e-mail addresses vouches for the message's authors: empty when it does, else
     * why not.
     */
    public Optional<SmimeVerdict> check(List<String> signerEmails) {
        if (problem.isPresent()) {
            return problem;
        }
        Set<String> covered = signerEmails.stream().map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        if (!covered.containsAll(authors())) {
            return Optional.of(SmimeVerdict.signerNotAuthor(signerEmails, authors()));
        }
        return flag();
    }
}
