package org.smimegateway.admin.cli;

import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; it only groups the subcommands. */
@Command(name = "smime-admin", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
    description = "Built-in CA of the smime-gateway: create the CA, issue and deliver certificates, revoke, "
        + "publish CRLs, and manage the gateway's certificate store.",
    subcommands = {CommandLine.HelpCommand.class, InitCaCommand.class, IssueCommand.class, BulkIssueCommand.class,
        RevokeCommand.class, CrlCommand.class, ListCommand.class, InspectCommand.class, ImportCommand.class,
        ExportCommand.class, PublishCertificateCommand.class})
public final class AdminCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read by {@link Main} before anything logs (the logger reads its level once); declared here for help. */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
        description = "Also print the log (INFO and DEBUG) on stderr; without it only warnings and errors are logged.")
    boolean verbose;

    /** A command line with the error handling every entry (jar, tests) shares. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AdminCommand());
        // Help shows the values in lower case; an operator typing them so must not be refused.
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            // Broken configuration and wrong passwords are the operator's to fix: a message, not a stack trace.
            if (exception instanceof IllegalArgumentException || exception instanceof IllegalStateException
                || exception instanceof UncheckedIOException
                || exception instanceof org.smimegateway.admin.certificates.AdminProblem) {
                cmd.getErr().println("error: " + exception.getMessage());
                return ExitCodes.FAILED;
            }
            throw exception;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
