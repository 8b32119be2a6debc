package org.smimegateway.admin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.smimegateway.admin.Issuance;
import org.smimegateway.admin.IssueReport;
import org.smimegateway.admin.IssueRequest;
import org.smimegateway.admin.store.CaSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bulk-issue", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Issue for every row of a CSV file: address[,internal|external[,name[,phone]]].",
        "A header row starting with 'address' and lines starting with '#' are skipped. A failing row does not stop "
            + "the run; the exit code is 1 if any row failed."})
final class BulkIssueCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file (UTF-8).")
    Path csv;

    @Mixin
    IssueOptions options;

    /** One CSV row. */
    record Row(int line, String address, boolean external, Optional<String> name, Optional<String> phone) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Row> rows = rows();
        Issuance issuance = options.issuance(out);
        CaSettings settings = options.settings();
        int issued = 0;
        int failed = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String result;
            try {
                IssueReport report = issuance.issue(new IssueRequest(
                    options.request(row.address(), row.name(), settings), IssueOptions.kind(row.external()),
                    row.phone(), false, false));
                if (report.succeeded()) {
                    issued++;
                    result = "ok " + report.summary();
                } else {
                    failed++;
                    result = "FAILED " + report.summary();
                }
            } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
                failed++;
                result = "FAILED " + row.address() + " (line " + row.line() + "): " + e.getMessage();
            }
            out.println(bar(i + 1, rows.size()) + " " + result);
            out.flush();
        }
        out.println("bulk-issue: " + issued + " issued, " + failed + " failed, " + rows.size() + " rows");
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static String bar(int done, int total) {
        int filled = total == 0 ? BAR_WIDTH : done * BAR_WIDTH / total;
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total;
    }

    private List<Row> rows() {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.toLowerCase(Locale.ROOT).startsWith("address")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            String kind = field(fields, 1).orElse("internal").toLowerCase(Locale.ROOT);
            if (!kind.equals("internal") && !kind.equals("external")) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": kind must be internal or external, was '"
                    + kind + "'");
            }
            rows.add(new Row(i + 1, fields[0].strip(), kind.equals("external"), field(fields, 2), field(fields, 3)));
        }
        return rows;
    }

    private static Optional<String> field(String[] fields, int index) {
        return index < fields.length && !fields[index].isBlank() ? Optional.of(fields[index].strip())
            : Optional.empty();
    }
}
