package org.dcgan4j.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * Quality numbers of a generator, each with what produced it.
 *
 * @param extractor          which network gave the features and predictions
 * @param classifierAccuracy that network's accuracy on the held-out real images
 * @param generated          how many generated images were scored
 * @param heldOut            how many held-out real images they were compared with
 * @param frechetDistance    Fréchet distance, generated vs held-out real (lower is better)
 * @param kernelDistance     kernel inception distance, generated vs held-out real, with its
 *                           standard error (lower is better; 0 is a perfect generator's expectation)
 * @param coverage           precision (realism) and recall (variety) of the generated images, and
 *                           their density and coverage (the same, robust to real outliers)
 * @param scores             inception score, class histogram, classes >= 5% of the generated images
 * @param floorSamples       training images used for the floor
 * @param floorFrechetDistance the same distance for real training images vs held-out real: what
 *                           a perfect generator would score with these sample sizes
 * @param floorKernelDistance the same KID (about 0, within a few standard errors)
 * @param floorCoverage      the same precision, recall, density and coverage: a perfect generator's
 * @param floorScores        the classifier scores of the held-out real images
 * @param askedClassHitRate  for a class-conditional G: share of generated images the classifier
 *                           puts in the class they were generated for; null otherwise
 * @param askedClassConfusion the same per asked class (asked x predicted counts, per-class hit
 *                           rates); null when {@code askedClassHitRate} is
 * @param floorClassConfusion the held-out real images' labels x the classifier's predictions: its
 *                           per-class accuracy, what real digits of each class score as the hit
 *                           rate; only beside {@code askedClassConfusion}, else null
 */
public record QualityReport(String extractor, double classifierAccuracy, int generated, int heldOut,
                            double frechetDistance, KernelDistance kernelDistance, ManifoldCoverage coverage,
                            ClassifierScores scores, int floorSamples, double floorFrechetDistance,
                            KernelDistance floorKernelDistance, ManifoldCoverage floorCoverage,
                            ClassifierScores floorScores, Double askedClassHitRate,
                            ConfusionMatrix askedClassConfusion, ConfusionMatrix floorClassConfusion) {

    /** The one line for the console and the log. */
    public String line() {
        String asked = askedClassHitRate == null ? ""
                : String.format(Locale.ROOT, "asked class hit %.1f%% | ", 100 * askedClassHitRate);
        if (askedClassConfusion != null) {
            asked += "per class hit % " + percents(askedClassConfusion.hitRates())
                    + (floorClassConfusion == null ? "" : " (real " + percents(floorClassConfusion.hitRates()) + ")")
                    + " | ";
        }
        return String.format(Locale.ROOT,
                "FD %.2f | KID %s | precision %.3f | recall %.3f | density %.3f | coverage %.3f | IS %.2f | %sclasses >= 5%%:"
                        + " %d/%d | histogram %s | floor (%d real training vs %d held-out real): FD %.2f, KID %s,"
                        + " precision %.3f, recall %.3f, density %.3f, coverage %.3f,"
                        + " IS %.2f | %s, %.2f%% accurate on %d held-out; %d generated images",
                frechetDistance, kid(kernelDistance), coverage.precision(), coverage.recall(), coverage.density(),
                coverage.coverage(), scores.inceptionScore(),
                asked, scores.classesAbove5Pct(), scores.histogram().length, Arrays.toString(scores.histogram()),
                floorSamples, heldOut, floorFrechetDistance, kid(floorKernelDistance), floorCoverage.precision(),
                floorCoverage.recall(), floorCoverage.density(), floorCoverage.coverage(), floorScores.inceptionScore(), extractor, 100 * classifierAccuracy, heldOut,
                generated);
    }

    /** Whole percents separated by spaces, {@code -} for NaN: {@code 97 100 -}. */
    static String percents(double[] rates) {
        StringBuilder b = new StringBuilder();
        for (double r : rates) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(Double.isNaN(r) ? "-" : String.valueOf(Math.round(100 * r)));
        }
        return b.toString();
    }

    /** {@code 12.34 +- 0.56} (ASCII: the console's charset may be too). */
    static String kid(KernelDistance k) {
        return String.format(Locale.ROOT, "%.2f +- %.2f", k.value(), k.standardError());
    }
}
