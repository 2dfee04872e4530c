package org.dcgan4j.plot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;
import java.util.List;

/**
 * The plotted columns of a run's {@code metrics.csv}, found by their header names, so that both
 * the 7-column file ({@code iteration,epoch,loss_d,loss_g,d_x,d_g_z,images_per_s}) and the one
 * with trailing {@code fd,inception_score} columns (empty on rows without an evaluation) read.
 *
 * <p>Rows that do not parse are skipped and counted. The last line is checked harder: a process
 * killed while appending leaves it without its line break and possibly cut inside a number, so
 * an unterminated last line is kept only when it holds every column of the header.
 */
final class MetricsTable {

    static final String ITERATION = "iteration";
    static final String LOSS_D = "loss_d";
    static final String LOSS_G = "loss_g";
    static final String REAL = "d_x";
    static final String FAKE = "d_g_z";
    static final String FD = "fd";
    private static final List<String> REQUIRED = List.of(ITERATION, LOSS_D, LOSS_G, REAL, FAKE);

    final Path file;
    final long[] iterations;
    final double[] lossD;
    final double[] lossG;
    final double[] real;
    final double[] fake;
    /** Iterations of the rows with a Fréchet distance, and those distances. */
    final long[] fdIterations;
    final double[] fd;
    /** Lines that did not parse, not counting a torn last line. */
    final int badLines;
    /** 1-based number of the first bad line, 0 when there is none. */
    final int firstBadLine;
    final boolean tornLastLine;

    private MetricsTable(Path file, Columns c, int badLines, int firstBadLine, boolean tornLastLine) {
        this.file = file;
        this.iterations = c.iterations.build().toArray();
        this.lossD = c.lossD.build().toArray();
        this.lossG = c.lossG.build().toArray();
        this.real = c.real.build().toArray();
        this.fake = c.fake.build().toArray();
        this.fdIterations = c.fdIterations.build().toArray();
        this.fd = c.fd.build().toArray();
        this.badLines = badLines;
        this.firstBadLine = firstBadLine;
        this.tornLastLine = tornLastLine;
    }

    int rows() {
        return iterations.length;
    }

    /**
     * Reads {@code file}.
     *
     * @throws MetricsFormatException when it has no header naming the plotted columns, or when
     *                                none of its data lines parses
     */
    static MetricsTable read(Path file) throws IOException {
        // Every byte decodes in ISO-8859-1: a damaged file fails below with its line number,
        // not in the decoder. The file itself is ASCII.
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        boolean terminated = text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        int lineCount = terminated ? lines.length - 1 : lines.length;

        Header header = null;
        Columns columns = new Columns();
        int bad = 0;
        int firstBad = 0;
        String firstBadText = null;
        boolean torn = false;
        for (int i = 0; i < lineCount; i++) {
            String line = stripCr(lines[i]);
            if (line.isBlank()) {
                continue;
            }
            if (header == null) {
                header = Header.parse(file, line);
                continue;
            }
            boolean last = i == lineCount - 1 && !terminated;
            String[] fields = line.split(",", -1);
            if (last) {
                torn = fields.length < header.size || !header.addRow(fields, columns);
            } else if (!header.addRow(fields, columns)) {
                bad++;
                if (firstBad == 0) {
                    firstBad = i + 1;
                    firstBadText = line;
                }
            }
        }
        if (header == null) {
            throw new MetricsFormatException(file + ": empty, expected a header line starting with "
                    + String.join(",", REQUIRED));
        }
        if (columns.rows == 0 && bad > 0) {
            throw new MetricsFormatException(file + ": none of its " + bad + " data line(s) parses; line "
                    + firstBad + " is '" + shorten(firstBadText) + "'");
        }
        return new MetricsTable(file, columns, bad, firstBad, torn);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String shorten(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** Column positions named by the header line. */
    private static final class Header {
        final int size;
        final int iteration;
        final int lossD;
        final int lossG;
        final int real;
        final int fake;
        /** -1 when the file has no fd column. */
        final int fd;
        /** Fields a row needs at least: up to the last plotted column, which must be whole. */
        final int minFields;

        private Header(List<String> names) {
            size = names.size();
            iteration = names.indexOf(ITERATION);
            lossD = names.indexOf(LOSS_D);
            lossG = names.indexOf(LOSS_G);
            real = names.indexOf(REAL);
            fake = names.indexOf(FAKE);
            fd = names.indexOf(FD);
            minFields = 1 + Math.max(Math.max(iteration, lossD), Math.max(Math.max(lossG, real), fake));
        }

        static Header parse(Path file, String line) throws MetricsFormatException {
            List<String> names = new ArrayList<>();
            for (String name : line.split(",", -1)) {
                names.add(name.trim());
            }
            List<String> missing = new ArrayList<>();
            for (String name : REQUIRED) {
                if (!names.contains(name)) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                throw new MetricsFormatException(file + ": the header line '" + shorten(line)
                        + "' lacks the column(s) " + String.join(", ", missing));
            }
            return new Header(names);
        }

        /**
         * Adds one data line; false when it does not parse. Rows may stop before trailing
         * columns (those are empty), and fields past the header's are ignored.
         */
        boolean addRow(String[] f, Columns c) {
            if (f.length < minFields) {
                return false;
            }
            try {
                long it = Long.parseLong(f[iteration].trim());
                double d = Double.parseDouble(f[lossD]);
                double g = Double.parseDouble(f[lossG]);
                double x = Double.parseDouble(f[real]);
                double z = Double.parseDouble(f[fake]);
                double distance = Double.NaN;
                if (fd >= 0 && fd < f.length && !f[fd].isBlank()) {
                    distance = Double.parseDouble(f[fd]);
                }
                c.iterations.add(it);
                c.lossD.add(d);
                c.lossG.add(g);
                c.real.add(x);
                c.fake.add(z);
                c.rows++;
                if (Double.isFinite(distance)) {
                    c.fdIterations.add(it);
                    c.fd.add(distance);
                }
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private static final class Columns {
        final LongStream.Builder iterations = LongStream.builder();
        final DoubleStream.Builder lossD = DoubleStream.builder();
        final DoubleStream.Builder lossG = DoubleStream.builder();
        final DoubleStream.Builder real = DoubleStream.builder();
        final DoubleStream.Builder fake = DoubleStream.builder();
        final LongStream.Builder fdIterations = LongStream.builder();
        final DoubleStream.Builder fd = DoubleStream.builder();
        int rows;
    }
}
