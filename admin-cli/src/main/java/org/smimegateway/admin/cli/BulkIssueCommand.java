package org.smimegateway.admin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.smimegateway.admin.CaService;
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
    description = {"Issue for every row of a CSV file (RFC 4180): address[,internal|external[,name[,phone]]].",
        "Quote fields with commas: \"Doe, John\". A header row 'address,...' and lines starting with '#' are "
            + "skipped. A failing row does not stop the run; the exit code is 1 if any row failed."})
final class BulkIssueCommand implements Callable<Integer> {

    private static final int BAR_WIDTH = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file (UTF-8; - for standard input).")
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
        CaService service = options.store.service();
        CaSettings settings = options.settings();
        int issued = 0;
        int failed = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String result;
            try {
                IssueReport report = service.issue(issuance, new IssueRequest(
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

    /**
     * RFC 4180 CSV through Commons CSV: a field in double quotes may hold commas and quotes ({@code "Doe, John"}).
     * A bad row stops the run before anything is issued, so a half-read file never issues half the staff.
     */
    private List<Row> rows() {
        String content = new String(CliFiles.read(csv), StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.RFC4180.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
            .setIgnoreSurroundingSpaces(true).setTrim(true).get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(content, format)) {
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                String address = record.get(0);
                if (address.isEmpty() || address.toLowerCase(Locale.ROOT).equals("address")) {
                    continue;
                }
                String kind = field(record, 1).orElse("internal").toLowerCase(Locale.ROOT);
                if (!kind.equals("internal") && !kind.equals("external")) {
                    throw new IllegalArgumentException(CliFiles.describe(csv) + " line " + line
                        + ": kind must be internal or external, was '" + kind + "'");
                }
                if (record.size() > 4) {
                    throw new IllegalArgumentException(CliFiles.describe(csv) + " line " + line + ": " + record.size()
                        + " fields, at most 4 (address,kind,name,phone); quote a name with commas: \"Doe, John\"");
                }
                rows.add(new Row((int) line, address, kind.equals("external"), field(record, 2), field(record, 3)));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot parse " + CliFiles.describe(csv) + " as CSV: " + e.getMessage(),
                e);
        }
        return rows;
    }

    private static Optional<String> field(CSVRecord record, int index) {
        return index < record.size() && !record.get(index).isBlank() ? Optional.of(record.get(index).strip())
            : Optional.empty();
    }
}
