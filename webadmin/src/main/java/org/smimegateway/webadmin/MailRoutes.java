package org.smimegateway.webadmin;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.smimegateway.audit.AuditLog;

import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes for held and quarantined mail (webadmin/README.md, "Held and quarantined mail"): the gateway's
 * repositories, their mail with our decision headers and attributes, release (back into James's spool, to be
 * decided about again) and delete. On top of James's own {@link MailRepositoryStore}; every release and delete is
 * one audit event.
 */
public final class MailRoutes implements Routes {
    public static final String BASE_PATH = "/smime-gateway/mail";

    /** The retry counter of the sample's "held" processor (AtMost); a released mail gets its full retries again. */
    static final AttributeName HELD_ATTEMPTS = AttributeName.of("smimegateway.held.attempts");
    /** The outage marker; the next pass decides afresh whether the keystore answers. */
    static final AttributeName KEYSTORE_UNAVAILABLE = AttributeName.of("smimegateway.keystore.unavailable");
    private static final String ATTRIBUTE_PREFIX = "smimegateway.";
    private static final String HEADER_PREFIX = "x-smime";
    private static final int DEFAULT_LIMIT = 100;
    /** Each listed mail is read from its repository: one page is bounded like any other work per request. */
    static final int MAX_LIMIT = 1000;

    private final Supplier<AdminSettings> settingsSource;
    private final MailRepositoryStore repositories;
    private final MailQueueFactory<?> queues;
    private final JsonTransformer json = new JsonTransformer();
    private MailRepositorySettings settings;

    @Inject
    public MailRoutes(MailRepositoryStore repositories, MailQueueFactory<?> queues) {
        this(AdminSettings::load, repositories, queues);
    }

    MailRoutes(Supplier<AdminSettings> settings, MailRepositoryStore repositories, MailQueueFactory<?> queues) {
        this.settingsSource = settings;
        this.repositories = repositories;
        this.queues = queues;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        settings = MailRepositorySettings.from(settingsSource.get());
        service.get(BASE_PATH, (request, response) -> answer(response, this::repositories), json);
        service.get(BASE_PATH + "/:repository", (request, response) -> answer(response, () -> list(request)), json);
        service.get(BASE_PATH + "/:repository/:key", (request, response) -> answer(response, () -> detail(request)),
            json);
        service.post(BASE_PATH + "/:repository/:key/release",
            (request, response) -> answer(response, () -> release(request)), json);
        // 204 without a body, as James's own deletions answer.
        service.delete(BASE_PATH + "/:repository/:key",
            (request, response) -> answer(response, () -> delete(request, response)));
    }

    /** A route body that may fail on James's side (a repository that cannot be read): never a bare 500 page. */
    private interface RouteBody {
        Object run() throws MessagingException, MailRepositoryStore.MailRepositoryStoreException;
    }

    private Object answer(Response response, RouteBody body) {
        response.type(RouteAnswers.JSON);
        try {
            return body.run();
        } catch (HaltException e) {
            throw e;
        } catch (MessagingException | MailRepositoryStore.MailRepositoryStoreException e) {
            throw RouteAnswers.unavailable("the mail repository cannot be read: " + e.getMessage());
        }
    }

    private Object repositories() throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        List<Map<String, Object>> answer = new ArrayList<>();
        for (MailRepositorySettings.Repository repository : settings.repositories().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", repository.name());
            entry.put("url", repository.url());
            Optional<MailRepository> found = repositories.get(MailRepositoryUrl.from(repository.url()));
            entry.put("size", found.isPresent() ? found.get().size() : 0L);
            entry.put("releaseState", repository.releaseState());
            answer.add(entry);
        }
        return answer;
    }

    private Object list(Request request) throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        MailRepositorySettings.Repository repository = repository(request);
        int limit = parameter(request, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        int offset = parameter(request, "offset", 0, Integer.MAX_VALUE);
        Optional<MailRepository> found = repositories.get(MailRepositoryUrl.from(repository.url()));
        List<Map<String, Object>> mails = new ArrayList<>();
        long total = 0;
        if (found.isPresent()) {
            total = found.get().size();
            int index = 0;
            for (Iterator<MailKey> keys = found.get().list(); keys.hasNext() && mails.size() < limit; index++) {
                MailKey key = keys.next();
                if (index < offset) {
                    continue;
                }
                Mail mail = found.get().retrieve(key);
                if (mail != null) {
                    try {
                        mails.add(summary(key, mail));
                    } finally {
                        LifecycleUtil.dispose(mail);
                    }
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("repository", repository.name());
        answer.put("url", repository.url());
        answer.put("total", total);
        answer.put("offset", offset);
        answer.put("mails", mails);
        return answer;
    }

    private Object detail(Request request) throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        MailRepositorySettings.Repository repository = repository(request);
        MailKey key = new MailKey(request.params("key"));
        Mail mail = retrieve(repository, key);
        try {
            Map<String, Object> answer = summary(key, mail);
            List<String> headers = new ArrayList<>();
            for (var lines = mail.getMessage().getAllHeaderLines(); lines.hasMoreElements(); ) {
                headers.add((String) lines.nextElement());
            }
            answer.put("headers", headers);
            answer.put("trace", plain(mail.getAttribute(AttributeName.of("smimegateway.policy.trace"))
                .map(Attribute::getValue).orElse(null)));
            return answer;
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    /**
     * Sends the mail through the pipeline again: into James's spool in the repository's release state, with the
     * held-retry counter and the outage marker cleared so it is judged as new, then removes it here. Enqueued first,
     * removed second: a failure between the two leaves a copy rather than losing the mail.
     */
    private Object release(Request request) throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        MailRepositorySettings.Repository repository = repository(request);
        MailKey key = new MailKey(request.params("key"));
        MailRepository store = repositories.get(MailRepositoryUrl.from(repository.url()))
            .orElseThrow(() -> notFound(repository, key));
        Mail mail = retrieve(repository, key);
        try {
            mail.removeAttribute(HELD_ATTEMPTS);
            mail.removeAttribute(KEYSTORE_UNAVAILABLE);
            mail.setState(repository.releaseState());
            queues.getQueue(MailQueueFactory.SPOOL)
                .orElseThrow(() -> RouteAnswers.unavailable("James has no spool queue"))
                .enQueue(mail);
            store.remove(key);
            AuditLog.event("mail.release", CaRoutes.ACTOR).with("repository", repository.name())
                .with("key", key.asString()).with("state", repository.releaseState())
                .with("sender", mail.getMaybeSender().asString())
                .with("recipients", recipients(mail.getRecipients()).size()).log();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("released", key.asString());
            answer.put("repository", repository.name());
            answer.put("state", repository.releaseState());
            answer.put("sender", mail.getMaybeSender().asString());
            answer.put("recipients", recipients(mail.getRecipients()));
            return answer;
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    private Object delete(Request request, Response response)
        throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        MailRepositorySettings.Repository repository = repository(request);
        MailKey key = new MailKey(request.params("key"));
        MailRepository store = repositories.get(MailRepositoryUrl.from(repository.url()))
            .orElseThrow(() -> notFound(repository, key));
        Mail mail = retrieve(repository, key);
        String sender;
        int recipients;
        try {
            sender = mail.getMaybeSender().asString();
            recipients = mail.getRecipients().size();
        } finally {
            LifecycleUtil.dispose(mail);
        }
        store.remove(key);
        AuditLog.event("mail.delete", CaRoutes.ACTOR).with("repository", repository.name())
            .with("key", key.asString()).with("sender", sender).with("recipients", recipients).log();
        response.status(204);
        return "";
    }

    private MailRepositorySettings.Repository repository(Request request) {
        String name = request.params("repository");
        MailRepositorySettings.Repository repository = settings.repositories().get(name);
        if (repository == null) {
            throw RouteAnswers.notFound("no gateway mail repository '" + name + "'; known: "
                + settings.repositories().keySet().stream().sorted().toList());
        }
        return repository;
    }

    private Mail retrieve(MailRepositorySettings.Repository repository, MailKey key)
        throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        Optional<MailRepository> found = repositories.get(MailRepositoryUrl.from(repository.url()));
        Mail mail = found.isPresent() ? found.get().retrieve(key) : null;
        if (mail == null) {
            throw notFound(repository, key);
        }
        return mail;
    }

    private static HaltException notFound(MailRepositorySettings.Repository repository, MailKey key) {
        return RouteAnswers.notFound("no mail '" + key.asString() + "' in " + repository.name() + " ("
            + repository.url() + ")");
    }

    private static int parameter(Request request, String name, int defaultValue, int max) {
        String value = request.queryParams(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            if (number > max) {
                throw RouteAnswers.badRequest("'" + name + "' must be at most " + max + ", was " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw RouteAnswers.badRequest("'" + name + "' must be a whole number of at least 0, was '" + value + "'");
        }
    }

    private static Map<String, Object> summary(MailKey key, Mail mail) throws MessagingException {
        Map<String, Object> answer = new LinkedHashMap<>();
        MimeMessage message = mail.getMessage();
        answer.put("key", key.asString());
        answer.put("sender", mail.getMaybeSender().asString());
        answer.put("recipients", recipients(mail.getRecipients()));
        answer.put("subject", message.getSubject());
        answer.put("messageId", message.getMessageID());
        answer.put("size", mail.getMessageSize());
        answer.put("lastUpdated", mail.getLastUpdated() == null ? null : mail.getLastUpdated().toInstant().toString());
        answer.put("state", mail.getState());
        answer.put("errorMessage", mail.getErrorMessage());
        Map<String, Object> decisions = new LinkedHashMap<>();
        for (var lines = message.getAllHeaders(); lines.hasMoreElements(); ) {
            var header = (javax.mail.Header) lines.nextElement();
            if (header.getName().toLowerCase(Locale.ROOT).startsWith(HEADER_PREFIX)) {
                decisions.merge(header.getName(), header.getValue(), (a, b) -> a + "\n" + b);
            }
        }
        answer.put("decisionHeaders", decisions);
        Map<String, Object> attributes = new LinkedHashMap<>();
        mail.attributes().filter(a -> a.getName().asString().startsWith(ATTRIBUTE_PREFIX))
            .filter(a -> !a.getName().asString().equals("smimegateway.policy.trace"))
            .forEach(a -> attributes.put(a.getName().asString(), plain(a.getValue())));
        answer.put("attributes", attributes);
        return answer;
    }

    private static List<String> recipients(Collection<?> recipients) {
        return recipients.stream().map(Object::toString).toList();
    }

    /** An attribute value as JSON can show it: strings, numbers, booleans and lists of them; the rest as text. */
    private static Object plain(AttributeValue<?> value) {
        if (value == null) {
            return null;
        }
        Object inner = value.value();
        if (inner instanceof Collection<?> values) {
            return values.stream().map(v -> v instanceof AttributeValue<?> nested ? plain(nested) : String.valueOf(v))
                .toList();
        }
        if (inner instanceof String || inner instanceof Number || inner instanceof Boolean) {
            return inner;
        }
        return inner instanceof Serializable ? String.valueOf(inner) : null;
    }
}
