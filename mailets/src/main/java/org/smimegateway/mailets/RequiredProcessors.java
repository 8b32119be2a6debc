package org.smimegateway.mailets;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.ProcessingState;

/**
 * The processors a mailet may send mail to, for {@code Mailet#requiredProcessingState()}: James 3.8.1 checks at
 * start-up that each exists, so a misspelt processor name stops the server instead of losing mail at run time.
 * Every init parameter whose name ends in {@code Processor} names one; defaults a mailet falls back to are added by
 * the mailet, because James cannot see them in the configuration.
 */
final class RequiredProcessors {
    static final String SUFFIX = "Processor";

    private RequiredProcessors() {
    }

    /** The configured {@code *Processor} parameters plus the given effective defaults, without duplicates. */
    static Collection<ProcessingState> of(MailetConfig config, String... effectiveDefaults) {
        Set<String> names = new LinkedHashSet<>();
        Parameters parameters = new Parameters(config);
        for (Iterator<String> it = config.getInitParameterNames(); it.hasNext(); ) {
            String parameter = it.next();
            if (parameter.endsWith(SUFFIX)) {
                parameters.optional(parameter).ifPresent(names::add);
            }
        }
        Stream.of(effectiveDefaults).forEach(names::add);
        return names.stream().map(ProcessingState::new).toList();
    }
}
