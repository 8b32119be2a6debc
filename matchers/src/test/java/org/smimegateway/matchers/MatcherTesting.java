package org.smimegateway.matchers;

import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.GenericMatcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;

/** Builds matchers, contexts and mails the way James would hand them over. */
final class MatcherTesting {
    private MatcherTesting() {
    }

    /** A FakeMailContext whose local domains are {@code domains} (FakeMailContext only knows localhost). */
    static MailetContext context(String... domains) {
        Set<Domain> local = Arrays.stream(domains).map(Domain::of).collect(Collectors.toSet());
        FakeMailContext delegate = FakeMailContext.defaultContext();
        return (MailetContext) Proxy.newProxyInstance(MailetContext.class.getClassLoader(),
            new Class<?>[] {MailetContext.class}, (proxy, method, args) -> {
                if (method.getName().equals("isLocalServer")) {
                    return local.contains((Domain) args[0]);
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
    }

    static <M extends GenericMatcher> M init(M matcher, String name, String condition) throws MessagingException {
        return init(matcher, name, condition, context("corp.example"));
    }

    static <M extends GenericMatcher> M init(M matcher, String name, String condition, MailetContext context)
        throws MessagingException {
        FakeMatcherConfig.Builder config = FakeMatcherConfig.builder().matcherName(name).mailetContext(context);
        if (condition != null) {
            config.condition(condition);
        }
        matcher.init(config.build());
        return matcher;
    }

    static MimeMessage message(String headers) throws MessagingException {
        String raw = headers + "MIME-Version: 1.0\r\nFrom: someone@corp.example\r\n\r\nbody\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /** A plain-text mail with an envelope sender (null for a bounce), a subject and recipients. */
    static FakeMail mail(String sender, String subject, String... recipients) throws MessagingException {
        FakeMail.Builder builder = FakeMail.builder().name("mail-1")
            .mimeMessage(message("Subject: " + subject + "\r\nMessage-ID: <m1@corp.example>\r\n"
                + "Content-Type: text/plain\r\n"))
            .recipients(recipients);
        if (sender != null) {
            builder.sender(sender);
        }
        return builder.build();
    }

    static List<String> addresses(Collection<MailAddress> matched) {
        return matched.stream().map(MailAddress::asString).toList();
    }
}
