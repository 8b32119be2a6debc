package org.smimegateway.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The repositories the mail routes show, by name, with the processor a released mail is sent to (admin.properties
 * {@code mail.repository.NAME} and {@code mail.release.NAME}; webadmin/README.md, "Held and quarantined mail").
 * The defaults are the sample's (conf-samples/gateway/merge.xml).
 */
record MailRepositorySettings(Map<String, Repository> repositories) {

    /** One repository: its James URL and where a released mail goes to be decided about again. */
    record Repository(String name, String url, String releaseState) {
        Repository {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(releaseState, "releaseState");
        }
    }

    /**
     * Held and quarantined mail was on its way out, so it goes through "outgoing" again (sign, encrypt, hold or
     * quarantine afresh). Mail stopped by a structure limit or an error may have been incoming, so it starts over at
     * "root", the whole pipeline.
     */
    private static final Map<String, String[]> DEFAULTS = Map.of(
        "held", new String[] {"memory://var/mail/held/", "outgoing"},
        "quarantine", new String[] {"memory://var/mail/quarantine/", "outgoing"},
        "structure-limit", new String[] {"memory://var/mail/structure-limit/", "root"},
        "smime-error", new String[] {"memory://var/mail/smime-error/", "root"});

    static MailRepositorySettings from(AdminSettings settings) {
        Map<String, Repository> repositories = new LinkedHashMap<>();
        for (String name : new String[] {"held", "quarantine", "structure-limit", "smime-error"}) {
            String[] defaults = DEFAULTS.get(name);
            repositories.put(name, new Repository(name, settings.string("mail.repository." + name, defaults[0]),
                settings.string("mail.release." + name, defaults[1])));
        }
        return new MailRepositorySettings(Map.copyOf(repositories));
    }
}
