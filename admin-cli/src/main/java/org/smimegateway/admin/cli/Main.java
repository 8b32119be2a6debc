package org.smimegateway.admin.cli;

import java.util.Arrays;
import java.util.List;

/** Entry point of the runnable jar. */
public final class Main {

    static final List<String> VERBOSE = List.of("-v", "--verbose");

    private Main() {
    }

    public static void main(String[] args) {
        configureLogging(Arrays.stream(args).anyMatch(VERBOSE::contains));
        System.exit(AdminCommand.commandLine().execute(args));
    }

    /**
     * Every event is printed once on stdout by the command; the log repeats it only when asked. SLF4J's simple
     * logger reads its levels once, from system properties before {@code simplelogger.properties}, so this runs
     * before the first logger exists.
     */
    static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.smimegateway.keystore", verbose ? "info" : "warn");
    }
}
