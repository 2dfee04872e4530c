package org.dcgan4j.sweep;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * One run of a sweep as {@code sweep-status} shows it: its grid values, where it stands and its
 * last quality numbers (the newest Fréchet distance and inception score in {@code metrics.csv},
 * from {@code --eval-every}; NaN without them).
 */
public record RunSummary(PlannedRun run, RunProgress progress, double fd, double inceptionScore) {

    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.IGNORE_TRAILING_UNMAPPABLE).enable(CsvParser.Feature.ALLOW_TRAILING_COMMA);

    public static RunSummary of(SweepLayout layout, PlannedRun run) throws IOException {
        Path folder = layout.run(run);
        RunProgress progress = RunProgress.of(folder);
        double fd = Double.NaN;
        double is = Double.NaN;
        Path metrics = folder.resolve("metrics.csv");
        if (Files.isRegularFile(metrics)) {
            try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(metrics.toFile())) {
                while (rows.hasNextValue()) {
                    Map<String, String> row;
                    try {
                        row = rows.nextValue();
                    } catch (RuntimeException tornLine) {
                        break; // a process killed while appending: the rows before it stand
                    }
                    double rowFd = parse(row.get("fd"));
                    if (!Double.isNaN(rowFd)) {
                        fd = rowFd;
                        is = parse(row.get("inception_score"));
                    }
                }
            }
        }
        return new RunSummary(run, progress, fd, is);
    }

    private static double parse(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** {@code 002  lr=0.001,seed=2  finished  60/60  loss D 1.21 G 0.93  fd 41.2 IS 6.10} */
    public String line() {
        String quality = Double.isNaN(fd) ? "" : String.format(Locale.ROOT, "  fd %.2f IS %.2f", fd, inceptionScore);
        String losses = Double.isNaN(progress.lossD()) ? "" : String.format(Locale.ROOT, "  loss D %.4f G %.4f",
                progress.lossD(), progress.lossG());
        String total = progress.totalIterations() > 0 ? String.valueOf(progress.totalIterations()) : "?";
        return String.format(Locale.ROOT, "%03d  %s  %s  %d/%s%s%s", run.index(), run.label(), progress.state(),
                progress.iteration(), total, losses, quality);
    }
}
