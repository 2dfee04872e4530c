package org.dcgan4j.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.dcgan4j.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PNG charts of a run's {@code metrics.csv}, each replaced atomically in a charts folder:
 * {@value #LOSSES} (loss D and loss G), {@value #DISCRIMINATOR} (mean D(x) and D(G(z))) and,
 * when the file holds Fréchet distances, {@value #QUALITY}; all against the iteration.
 *
 * <p>Drawing needs no display: the charts are painted into images in memory, and AWT is put in
 * headless mode ({@code java.awt.headless=true}) unless the JVM was told otherwise.
 */
public final class TrainingCharts {

    static {
        // First, before any AWT class loads: java.awt.Color's own initializer already asks
        // GraphicsEnvironment.isHeadless(), which fixes the answer for the life of the JVM.
        useHeadlessAwt();
    }

    private static final Logger LOG = LoggerFactory.getLogger(TrainingCharts.class);

    public static final String LOSSES = "losses.png";
    public static final String DISCRIMINATOR = "discriminator.png";
    public static final String QUALITY = "quality.png";

    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    /*
     * Downsampling. A GAN's per-iteration losses and D outputs jump a lot from one step to the
     * next, and a long run has 100k+ rows: drawn point by point they fill the plot with a solid
     * band that hides the trend, and cost time for nothing (the plot is < 800 px wide). So each
     * quantity is drawn twice, from means over consecutive rows ("buckets"):
     *  - a faint line of at most DETAIL_POINTS buckets, about one per pixel column: the spread of
     *    the raw values and where spikes are (raw, unaveraged values when the run is that short);
     *  - a bold line of at most TREND_POINTS buckets, each at least MIN_TREND_ROWS rows: the trend.
     * Bucket means rather than keeping every k-th row: picking rows keeps the noise at full height
     * and can alias with periodic behaviour. Rather than a moving average with a fixed window:
     * the bucket size follows the length of the run (1% of it for the trend), one pass, no knob.
     */
    static final int DETAIL_POINTS = 800;
    static final int TREND_POINTS = 100;
    static final int MIN_TREND_ROWS = 10;

    private static final Color BLUE = new Color(31, 119, 180);
    private static final Color ORANGE = new Color(230, 110, 0);
    private static final int FAINT_ALPHA = 70;

    private TrainingCharts() {
    }

    /**
     * Sets {@code java.awt.headless=true} unless it is set already; it has to happen before the
     * first use of AWT graphics, which then never looks for a display. Without it, a JVM whose
     * {@code DISPLAY} names an X server it cannot reach (an ssh -X session gone, a stopped VNC)
     * fails on the first chart with "Can't connect to X11 window server". An explicit
     * {@code -Djava.awt.headless=false} is respected.
     */
    public static void useHeadlessAwt() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Draws the charts of {@code metricsCsv} into {@code chartsDir} (created if need be).
     *
     * @return the files written; none when the file has a header and no rows yet
     * @throws MetricsFormatException when {@code metricsCsv} has no usable header or no line parses
     */
    public static List<Path> draw(Path metricsCsv, Path chartsDir) throws IOException {
        MetricsTable table = MetricsTable.read(metricsCsv);
        if (table.badLines > 0) {
            LOG.warn("{}: skipped {} line(s) that do not parse, the first at line {}",
                    metricsCsv, table.badLines, table.firstBadLine);
        }
        List<Path> written = new ArrayList<>();
        if (table.rows() == 0) {
            return written;
        }
        write(lossChart(table), chartsDir.resolve(LOSSES), written);
        write(discriminatorChart(table), chartsDir.resolve(DISCRIMINATOR), written);
        if (table.fd.length > 0) {
            write(qualityChart(table), chartsDir.resolve(QUALITY), written);
        }
        return written;
    }

    private static void write(XYChart chart, Path file, List<Path> written) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            LOG.debug("{}: no finite values to draw", file);
            return;
        }
        // Rendered before the temp file is opened: an AWT failure (an Error) leaves no temp file.
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
        written.add(file);
    }

    static XYChart lossChart(MetricsTable t) {
        XYChart chart = newChart("Losses" + smoothingNote(t.rows()), "loss");
        addSmoothed(chart, "loss D", t.iterations, t.lossD, BLUE);
        addSmoothed(chart, "loss G", t.iterations, t.lossG, ORANGE);
        return chart;
    }

    static XYChart discriminatorChart(MetricsTable t) {
        XYChart chart = newChart("Discriminator outputs" + smoothingNote(t.rows()), "mean probability of \"real\"");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        addSmoothed(chart, "D(x), real images", t.iterations, t.real, BLUE);
        addSmoothed(chart, "D(G(z)), generated images", t.iterations, t.fake, ORANGE);
        return chart;
    }

    static XYChart qualityChart(MetricsTable t) {
        XYChart chart = newChart("Fréchet distance to real images (lower is better)", "Fréchet distance");
        double[][] points = bucketMeans(t.fdIterations, t.fd, DETAIL_POINTS);
        XYSeries series = chart.addSeries("Fréchet distance", points[0], points[1]);
        series.setLineColor(BLUE);
        series.setMarkerColor(BLUE);
        series.setMarker(SeriesMarkers.CIRCLE);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    static XYChart newChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("iteration").yAxisTitle(yTitle).build();
        chart.getStyler()
                .setLocale(Locale.ROOT)
                .setChartBackgroundColor(Color.WHITE)
                .setPlotBackgroundColor(Color.WHITE)
                .setPlotBorderVisible(false)
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal)
                .setLegendBorderColor(Color.WHITE)
                .setMarkerSize(6);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        return chart;
    }

    private static String smoothingNote(int rows) {
        int trendRows = (int) Math.ceil(rows / (double) trendBuckets(rows));
        int detailRows = (int) Math.ceil(rows / (double) Math.min(rows, DETAIL_POINTS));
        if (trendBuckets(rows) < 2) {
            return "";
        }
        return String.format(Locale.ROOT, " (bold: mean of %d iterations, faint: %s)", trendRows,
                detailRows <= 1 ? "every iteration" : "mean of " + detailRows);
    }

    private static int trendBuckets(int rows) {
        return Math.max(1, Math.min(TREND_POINTS, rows / MIN_TREND_ROWS));
    }

    /** A faint detail line (not in the legend) under a bold trend line of the same colour. */
    private static void addSmoothed(XYChart chart, String name, long[] x, double[] y, Color color) {
        double[][] detail = bucketMeans(x, y, DETAIL_POINTS);
        double[][] trend = bucketMeans(x, y, trendBuckets(x.length));
        boolean hasTrend = trendBuckets(x.length) >= 2 && trend[0].length >= 2;
        if (detail[0].length == 0) {
            return;
        }
        XYSeries faint = chart.addSeries(hasTrend ? name + " (detail)" : name, detail[0], detail[1]);
        faint.setMarker(SeriesMarkers.NONE);
        if (hasTrend) {
            faint.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), FAINT_ALPHA));
            faint.setLineWidth(1f);
            faint.setShowInLegend(false);
            XYSeries bold = chart.addSeries(name, trend[0], trend[1]);
            bold.setMarker(SeriesMarkers.NONE);
            bold.setLineColor(color);
            bold.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        } else {
            faint.setLineColor(color);
            faint.setLineWidth(2f);
        }
    }

    /**
     * The rows cut into at most {@code maxBuckets} runs of consecutive rows of (nearly) equal
     * length, each replaced by its mean iteration and mean value; NaN and infinite values (a
     * diverging step) are left out, and a bucket without a finite value is dropped.
     *
     * @return {x[], y[]}
     */
    static double[][] bucketMeans(long[] x, double[] y, int maxBuckets) {
        int n = x.length;
        int buckets = Math.min(n, Math.max(1, maxBuckets));
        double[] bx = new double[buckets];
        double[] by = new double[buckets];
        int kept = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            double sx = 0;
            double sy = 0;
            int count = 0;
            for (int i = from; i < to; i++) {
                if (Double.isFinite(y[i])) {
                    sx += x[i];
                    sy += y[i];
                    count++;
                }
            }
            if (count > 0) {
                bx[kept] = sx / count;
                by[kept] = sy / count;
                kept++;
            }
        }
        return new double[][] {Arrays.copyOf(bx, kept), Arrays.copyOf(by, kept)};
    }
}
