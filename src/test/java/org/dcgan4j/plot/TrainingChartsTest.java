package org.dcgan4j.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.dcgan4j.train.AdversarialStep;
import org.dcgan4j.train.IterationReport;
import org.dcgan4j.train.TrainingProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class TrainingChartsTest {

    private static final String OLD_HEADER = "iteration,epoch,loss_d,loss_g,d_x,d_g_z,images_per_s";
    private static final String NEW_HEADER = OLD_HEADER + ",fd,inception_score";
    /** The series colours of TrainingCharts, as drawn for the bold lines and the markers. */
    private static final Color BLUE = new Color(31, 119, 180);
    private static final Color ORANGE = new Color(230, 110, 0);

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureWarnings() {
        logged.start();
        logger().addAppender(logged);
    }

    @AfterEach
    void releaseWarnings() {
        logger().detachAppender(logged);
    }

    private static ch.qos.logback.classic.Logger logger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.dcgan4j.plot");
    }

    /**
     * A plausible run: losses settling from high values, D(x) falling and D(G(z)) rising towards
     * 0.5, all with step-to-step noise. With {@code fdEvery > 0}, rows of multiples of it carry a
     * Fréchet distance and an inception score; the others leave the two cells empty.
     */
    private static List<String> rows(int count, int fdEvery) {
        Random random = new Random(7);
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            double settle = Math.exp(-i / (count / 4.0));
            String row = String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.1f", i, i / 140,
                    0.6 + 0.8 * settle + 0.3 * random.nextGaussian(), 0.9 + 1.5 * settle + 0.4 * random.nextGaussian(),
                    clamp(0.55 + 0.4 * settle + 0.1 * random.nextGaussian()),
                    clamp(0.45 - 0.4 * settle + 0.1 * random.nextGaussian()), 120 + random.nextDouble());
            if (fdEvery > 0) {
                row += i % fdEvery == 0
                        ? String.format(Locale.ROOT, ",%.4f,%.4f", 40 * settle + 3, 9 - 5 * settle)
                        : ",,";
            }
            lines.add(row);
        }
        return lines;
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }

    /** Header, rows, then a last line cut short with no line break, as a killed process leaves it. */
    private Path metricsFile(String header, List<String> rows, String tornTail) throws Exception {
        StringBuilder text = new StringBuilder(header).append('\n');
        rows.forEach(r -> text.append(r).append('\n'));
        text.append(tornTail);
        Path file = dir.resolve("metrics.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static BufferedImage png(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as("PNG %s", file).isNotNull();
        return image;
    }

    /** Columns of the image holding a pixel within a small distance of {@code color}. */
    private static int columnsWith(BufferedImage image, Color color) {
        int columns = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
                        + Math.abs(c.getBlue() - color.getBlue()) <= 12) {
                    columns++;
                    break;
                }
            }
        }
        return columns;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** The chart is 800x500, not blank, and has a line of {@code color} across most of its width. */
    private static void assertDrawn(Path file, Color... colors) throws Exception {
        BufferedImage image = png(file);
        assertThat(image.getWidth()).isEqualTo(TrainingCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(TrainingCharts.HEIGHT);
        assertThat(distinctColours(image)).as("colours in %s", file).isGreaterThan(20);
        for (Color color : colors) {
            assertThat(columnsWith(image, color)).as("columns of %s holding %s", file, color)
                    .isGreaterThan(TrainingCharts.WIDTH / 2);
        }
    }

    @Test
    void sevenColumnFileGivesLossAndDiscriminatorChartsAndNoQualityChart() throws Exception {
        Path metrics = metricsFile(OLD_HEADER, rows(3000, 0), "3001,21,0.71");
        Path charts = dir.resolve("charts");

        List<Path> written = TrainingCharts.draw(metrics, charts);

        assertThat(written).containsExactly(charts.resolve(TrainingCharts.LOSSES),
                charts.resolve(TrainingCharts.DISCRIMINATOR));
        assertDrawn(charts.resolve(TrainingCharts.LOSSES), BLUE, ORANGE);
        assertDrawn(charts.resolve(TrainingCharts.DISCRIMINATOR), BLUE, ORANGE);
        assertThat(charts.resolve(TrainingCharts.QUALITY)).doesNotExist();
        try (var files = Files.list(charts)) {
            assertThat(files).as("no temp file left behind").hasSize(2);
        }
        assertThat(logged.list).as("a torn last line is expected, not warned about").isEmpty();
    }

    @Test
    void nineColumnFileWithFrechetDistancesAlsoGivesQualityChart() throws Exception {
        Path metrics = metricsFile(NEW_HEADER, rows(3000, 500), "3001,21,0.71,1.1,0.5,0.4,120.5,");
        Path charts = dir.resolve("charts");

        List<Path> written = TrainingCharts.draw(metrics, charts);

        assertThat(written).containsExactly(charts.resolve(TrainingCharts.LOSSES),
                charts.resolve(TrainingCharts.DISCRIMINATOR), charts.resolve(TrainingCharts.QUALITY));
        assertDrawn(charts.resolve(TrainingCharts.LOSSES), BLUE, ORANGE);
        assertDrawn(charts.resolve(TrainingCharts.DISCRIMINATOR), BLUE, ORANGE);
        assertDrawn(charts.resolve(TrainingCharts.QUALITY), BLUE);
    }

    @Test
    void nineColumnFileWithoutAnyFrechetDistanceGivesNoQualityChart() throws Exception {
        Path metrics = metricsFile(NEW_HEADER, rows(400, 0).stream().map(r -> r + ",,").toList(), "");
        Path charts = dir.resolve("charts");

        assertThat(TrainingCharts.draw(metrics, charts)).hasSize(2);
        assertThat(charts.resolve(TrainingCharts.QUALITY)).doesNotExist();
    }

    @Test
    void readsColumnsByHeaderNameInBothShapesAndDropsTheTornLastLine() throws Exception {
        MetricsTable old = MetricsTable.read(metricsFile(OLD_HEADER, rows(300, 0), "301,2,0.6"));
        assertThat(old.rows()).isEqualTo(300);
        assertThat(old.tornLastLine).isTrue();
        assertThat(old.badLines).isZero();
        assertThat(old.fd).isEmpty();

        // Columns in another order, rows of 7 fields under the 9-column header (trailing cells
        // left out), and an unterminated but whole last line, which is kept.
        String header = "epoch,iteration,d_g_z,d_x,loss_g,loss_d,images_per_s,fd,inception_score";
        MetricsTable moved = MetricsTable.read(metricsFile(header, List.of(
                "0,1,0.1,0.9,2.0,0.5,100.0",
                "0,2,0.2,0.8,1.8,0.6,100.0,35.5,4.2",
                "0,3,0.3,0.7,1.6,0.7,100.0,,"), "0,4,0.4,0.6,1.4,0.8,100.0,30.25,5.0"));
        assertThat(moved.iterations).containsExactly(1, 2, 3, 4);
        assertThat(moved.lossD).containsExactly(0.5, 0.6, 0.7, 0.8);
        assertThat(moved.lossG).containsExactly(2.0, 1.8, 1.6, 1.4);
        assertThat(moved.real).containsExactly(0.9, 0.8, 0.7, 0.6);
        assertThat(moved.fake).containsExactly(0.1, 0.2, 0.3, 0.4);
        assertThat(moved.fdIterations).containsExactly(2, 4);
        assertThat(moved.fd).containsExactly(35.5, 30.25);
        assertThat(moved.tornLastLine).isFalse();
    }

    @Test
    void unparseableLinesInsideTheFileAreSkippedWithAWarningNamingTheFile() throws Exception {
        List<String> rows = new ArrayList<>(rows(200, 0));
        rows.set(49, "50,0,0.7,garbage,0.5,0.5,100.0");
        rows.set(99, "100,0,0.7");
        Path metrics = metricsFile(OLD_HEADER, rows, "");

        List<Path> written = TrainingCharts.draw(metrics, dir.resolve("charts"));

        assertThat(written).hasSize(2);
        assertThat(MetricsTable.read(metrics).rows()).isEqualTo(198);
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(metrics.toString())
                    .contains("skipped 2 line(s)").contains("line 51");
        });
    }

    @Test
    void fileWithoutThePlottedColumnsIsRefusedNamingTheFile() throws Exception {
        Path metrics = metricsFile("step,loss", List.of("1,0.5", "2,0.4"), "");

        assertThatThrownBy(() -> TrainingCharts.draw(metrics, dir.resolve("charts")))
                .isInstanceOf(MetricsFormatException.class)
                .hasMessageContaining(metrics.toString())
                .hasMessageContaining("lacks the column(s) iteration, loss_d, loss_g, d_x, d_g_z");
        assertThat(dir.resolve("charts")).doesNotExist();
    }

    @Test
    void fileWhereNoLineParsesIsRefusedNamingTheFile() throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> TrainingCharts.draw(empty, dir.resolve("charts")))
                .isInstanceOf(MetricsFormatException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("empty");

        Path noise = metricsFile(OLD_HEADER, List.of("a,b,c,d,e,f,g", "1;0;0.5;0.5;0.5;0.5;1"), "");
        assertThatThrownBy(() -> TrainingCharts.draw(noise, dir.resolve("charts")))
                .isInstanceOf(MetricsFormatException.class)
                .hasMessageContaining(noise.toString()).hasMessageContaining("line 2");
    }

    @Test
    void headerWithoutRowsDrawsNothing() throws Exception {
        Path metrics = metricsFile(OLD_HEADER, List.of(), "");
        assertThat(TrainingCharts.draw(metrics, dir.resolve("charts"))).isEmpty();
    }

    @Test
    void bucketMeansAverageConsecutiveRowsAndLeaveOutNonFiniteValues() {
        long[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = {1, 2, 3, 4, Double.NaN, 6, 7, 8, 9, Double.POSITIVE_INFINITY};

        double[][] three = TrainingCharts.bucketMeans(x, y, 3);   // rows 0-2, 3-5, 6-9

        assertThat(three[0]).containsExactly(new double[] {2, 5, 8}, within(1e-12));
        assertThat(three[1]).containsExactly(new double[] {2, 5, 8}, within(1e-12));
        double[][] all = TrainingCharts.bucketMeans(x, y, 2000);
        assertThat(all[0]).containsExactly(1, 2, 3, 4, 6, 7, 8, 9);
        double[][] nothing = TrainingCharts.bucketMeans(new long[] {1}, new double[] {Double.NaN}, 10);
        assertThat(nothing[0]).isEmpty();
    }

    @Test
    void longRunsAreDownsampledAndTheDiscriminatorAxisSpansZeroToOne() throws Exception {
        MetricsTable table = MetricsTable.read(metricsFile(OLD_HEADER, rows(120_000, 0), ""));
        var losses = TrainingCharts.lossChart(table);
        assertThat(losses.getSeriesMap()).hasSize(4);
        losses.getSeriesMap().values().forEach(s -> assertThat(s.getXData().length)
                .isLessThanOrEqualTo(TrainingCharts.DETAIL_POINTS));
        assertThat(losses.getTitle()).contains("mean of 1200 iterations");

        var discriminator = TrainingCharts.discriminatorChart(table);
        assertThat(discriminator.getStyler().getYAxisMin()).isEqualTo(0.0);
        assertThat(discriminator.getStyler().getYAxisMax()).isEqualTo(1.0);
    }

    private static IterationReport reportAt(long iteration) {
        return new IterationReport(new TrainingProgress(iteration, 0, 0),
                new AdversarialStep.StepResult(0.7, 1.2, 0.6, 0.4), 100.0, 1000);
    }

    @Test
    void listenerDrawsEveryNIterationsAndAtTheEnd() throws Exception {
        Path metrics = metricsFile(OLD_HEADER, rows(120, 0), "");
        Path charts = dir.resolve("charts");
        ChartListener listener = new ChartListener(charts, metrics, 50);

        listener.onIteration(null, reportAt(49));
        assertThat(charts).doesNotExist();
        listener.onIteration(null, reportAt(50));
        assertThat(charts.resolve(TrainingCharts.LOSSES)).exists();

        Files.delete(charts.resolve(TrainingCharts.LOSSES));
        listener.onFinish(null, new TrainingProgress(120, 0, 0), true);
        assertThat(charts.resolve(TrainingCharts.LOSSES)).exists();
    }

    @Test
    void listenerWarnsAndCarriesOnWhenItCannotDraw() throws Exception {
        Path metrics = metricsFile("step,loss", List.of("1,0.5"), "");
        Path charts = dir.resolve("charts");
        ChartListener listener = new ChartListener(charts, metrics, 10);

        listener.onIteration(null, reportAt(10));
        listener.onFinish(null, new TrainingProgress(15, 0, 0), false);

        assertThat(logged.list).hasSize(2).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("cannot draw the charts").contains(metrics.toString());
        });
        assertThat(charts).doesNotExist();
    }

    /**
     * Run in a JVM of its own, whose DISPLAY names an X server that is not there: the case of a
     * server reached by {@code ssh -X}, or of a desktop session gone.
     */
    public static final class DrawInFreshJvm {
        public static void main(String[] args) throws Exception {
            List<Path> written = TrainingCharts.draw(Path.of(args[0]), Path.of(args[1]));
            System.out.println("drew " + written.size() + " headless=" + GraphicsEnvironment.isHeadless());
        }
    }

    private Process drawInFreshJvm(Path metrics, Path charts, String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of(DrawInFreshJvm.class.getName(), metrics.toString(), charts.toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().put("DISPLAY", ":97");
        return builder.start();
    }

    private static String finish(Process p) throws Exception {
        Supplier<String> out = () -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        };
        String text = out.get();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        return text;
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void drawsWithADisplaySetThatCannotBeReached() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/tmp/.X11-unix/X97")),
                "an X server listens on :97");
        Path metrics = metricsFile(OLD_HEADER, rows(100, 0), "");

        // Control: AWT left to look for that display cannot draw at all.
        Process control = drawInFreshJvm(metrics, dir.resolve("control"), "-Djava.awt.headless=false");
        String controlOut = finish(control);
        assertThat(control.exitValue()).as(controlOut).isNotZero();
        assertThat(controlOut).contains("X11");

        Process p = drawInFreshJvm(metrics, dir.resolve("charts"));
        String out = finish(p);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("drew 2 headless=true");
        assertDrawn(dir.resolve("charts").resolve(TrainingCharts.LOSSES), BLUE, ORANGE);
    }
}
