package org.dcgan4j.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dcgan4j.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart with a curve per run of a sweep, from each run's {@code metrics.csv}: the Fréchet
 * distance when any run has quick evaluations, else loss G (bucket means, as the trend line of
 * {@link TrainingCharts#LOSSES}). Written atomically.
 */
public final class SweepCurves {

    private SweepCurves() {
    }

    /**
     * @param metricsByRun each run's label and its metrics.csv
     * @return whether a chart was written (not when no file has a usable row)
     */
    public static boolean draw(Map<String, Path> metricsByRun, Path png) throws IOException {
        Map<String, MetricsTable> tables = new LinkedHashMap<>();
        boolean anyFd = false;
        for (Map.Entry<String, Path> e : metricsByRun.entrySet()) {
            MetricsTable t;
            try {
                t = MetricsTable.read(e.getValue());
            } catch (MetricsFormatException unreadable) {
                continue;
            }
            if (t.rows() > 0) {
                tables.put(e.getKey(), t);
                anyFd |= t.fd.length > 0;
            }
        }
        if (tables.isEmpty()) {
            return false;
        }
        XYChart chart = anyFd
                ? TrainingCharts.newChart("Fréchet distance of each run (lower is better)", "Fréchet distance")
                : TrainingCharts.newChart("Loss G of each run", "loss G");
        for (Map.Entry<String, MetricsTable> e : tables.entrySet()) {
            MetricsTable t = e.getValue();
            double[][] points = anyFd
                    ? TrainingCharts.bucketMeans(t.fdIterations, t.fd, TrainingCharts.DETAIL_POINTS)
                    : TrainingCharts.bucketMeans(t.iterations, t.lossG, TrainingCharts.TREND_POINTS);
            if (points[0].length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(e.getKey(), points[0], points[1]);
            series.setMarker(anyFd ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (chart.getSeriesMap().isEmpty()) {
            return false;
        }
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(png, out -> out.write(bytes));
        return true;
    }
}
