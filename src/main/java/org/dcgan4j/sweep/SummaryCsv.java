package org.dcgan4j.sweep;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dcgan4j.files.AtomicFiles;

/**
 * {@code summary.csv}: one row per run with a column per grid key, then state, iteration,
 * total, last losses and last quality numbers (empty when unknown). Replaced atomically.
 */
public final class SummaryCsv {

    private static final CsvMapper CSV = new CsvMapper();

    private SummaryCsv() {
    }

    public static void write(Path file, SweepPlan plan, List<RunSummary> runs) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().addColumn("index").addColumn("run");
        for (GridAxis axis : plan.grid()) {
            schema.addColumn(axis.key());
        }
        for (String c : List.of("state", "iteration", "total_iterations", "loss_d", "loss_g", "fd", "inception_score")) {
            schema.addColumn(c);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunSummary r : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", r.run().index());
            row.put("run", r.run().folder());
            r.run().params().forEach(row::put);
            row.put("state", r.progress().state());
            row.put("iteration", r.progress().iteration());
            row.put("total_iterations", r.progress().totalIterations());
            row.put("loss_d", number(r.progress().lossD()));
            row.put("loss_g", number(r.progress().lossG()));
            row.put("fd", number(r.fd()));
            row.put("inception_score", number(r.inceptionScore()));
            rows.add(row);
        }
        byte[] bytes = CSV.writer(schema.build().withHeader()).writeValueAsBytes(rows);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static Object number(double v) {
        return Double.isFinite(v) ? v : "";
    }
}
