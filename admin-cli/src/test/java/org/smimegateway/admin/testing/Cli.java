package org.smimegateway.admin.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.smimegateway.admin.cli.AdminCommand;
import picocli.CommandLine;

/** Runs the admin command line in-process and captures what it prints. */
public final class Cli {

    /** Exit code and output of one run. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    private Cli() {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AdminCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
