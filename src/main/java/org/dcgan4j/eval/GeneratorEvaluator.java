package org.dcgan4j.eval;

import org.dcgan4j.data.DigitDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scores a generator against real images with the digit classifier: Fréchet distance, kernel
 * inception distance, precision, recall, density and coverage of the classifier's features, inception score and
 * class histogram, and the same numbers for real images as the floor. For a class-conditional G also how often
 * the classifier sees the class asked for, overall and per class, with the classifier's own per-class accuracy
 * on the held-out images as that floor.
 */
public final class GeneratorEvaluator {

    /** The feature extractor's name, without the weights' fingerprint. */
    private static final String EXTRACTOR = "LeNet digit classifier";
    /** Images per forward pass. */
    private static final int CHUNK = 500;

    private final DigitClassifier classifier;
    private final double accuracy;
    /** The extractor as reports name it: with the classifier's weight fingerprint. */
    private final String extractor;
    private final DigitDataset train;
    private final DigitDataset heldOut;
    private final double[][] heldOutFeatures;
    private final GaussianFit heldOutFit;
    private final ClassifierScores heldOutScores;
    /** The held-out images' labels against the classifier's predictions; null without labels. */
    private final ConfusionMatrix heldOutConfusion;

    public GeneratorEvaluator(ClassifierCache.Cached classifier, DigitDataset train, DigitDataset heldOut) {
        this.classifier = classifier.classifier();
        this.accuracy = classifier.accuracy();
        this.extractor = EXTRACTOR + " (" + DigitClassifier.FEATURES + "-d penultimate features, weights "
                + this.classifier.fingerprint() + ")";
        this.train = train;
        this.heldOut = heldOut;
        DigitClassifier.Outputs real = outputsOf(heldOut, 0, heldOut.size());
        this.heldOutFeatures = real.features();
        this.heldOutFit = GaussianFit.of(heldOutFeatures);
        this.heldOutScores = ClassifierScores.of(real.probabilities());
        this.heldOutConfusion = heldOut.hasLabels() ? ConfusionMatrix.of(real.probabilities(), labels(heldOut)) : null;
    }

    /** What the features come from, e.g. "LeNet digit classifier (128-d penultimate features, weights 1a2b3c4d)". */
    public String extractor() {
        return extractor;
    }

    /**
     * The full report: generated images against the held-out real ones, and the floor.
     *
     * @param input        G's input [count, latent (+ classes)]; G runs in inference mode
     * @param askedClasses the class each input asks for (conditional G), else null
     */
    public QualityReport evaluate(MultiLayerNetwork generator, INDArray input, int[] askedClasses) {
        Quick q = quick(generator, input, askedClasses);
        int count = q.generated();
        int floorCount = Math.min(count, train.size());
        double[][] floorFeatures = outputsOf(train, 0, floorCount).features();
        return new QualityReport(extractor, accuracy, count, heldOut.size(), q.frechetDistance(), q.kernelDistance(),
                q.coverage(), q.scores(), floorCount, FrechetDistance.between(GaussianFit.of(floorFeatures), heldOutFit),
                KernelDistance.between(floorFeatures, heldOutFeatures), ManifoldCoverage.of(floorFeatures, heldOutFeatures),
                heldOutScores, q.askedClassHitRate(), q.askedClassConfusion(),
                askedClasses == null ? null : heldOutConfusion);
    }

    /** What the generated images are measured against (the real images' description). */
    public String reference() {
        return heldOut.source();
    }

    /** Only the generated images' numbers (no floor): what training measures every few iterations. */
    public Quick quick(MultiLayerNetwork generator, INDArray input, int[] askedClasses) {
        DigitClassifier.Outputs o = generatedOutputs(generator, input);
        Double hitRate = askedClasses == null ? null : ClassifierScores.agreement(o.probabilities(), askedClasses);
        ConfusionMatrix confusion = askedClasses == null ? null : ConfusionMatrix.of(o.probabilities(), askedClasses);
        return new Quick(FrechetDistance.between(GaussianFit.of(o.features()), heldOutFit),
                KernelDistance.between(o.features(), heldOutFeatures), ManifoldCoverage.of(o.features(), heldOutFeatures),
                ClassifierScores.of(o.probabilities()), o.features().length, heldOut.size(), hitRate, confusion);
    }

    /** Classifier features [n][128] of G's images for {@code input}. */
    public double[][] generatedFeatures(MultiLayerNetwork generator, INDArray input) {
        return generatedOutputs(generator, input).features();
    }

    /** Classifier features of the training images {@code [from, to)}. */
    public double[][] trainingFeatures(int from, int to) {
        return outputsOf(train, from, to).features();
    }

    private DigitClassifier.Outputs generatedOutputs(MultiLayerNetwork generator, INDArray input) {
        int count = (int) input.size(0);
        double[][] features = new double[count][];
        double[][] probabilities = new double[count][];
        for (int from = 0; from < count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK);
            INDArray images = generator.output(input.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()), false);
            DigitClassifier.Outputs o = classifier.outputs(images);
            System.arraycopy(o.features(), 0, features, from, to - from);
            System.arraycopy(o.probabilities(), 0, probabilities, from, to - from);
        }
        return new DigitClassifier.Outputs(features, probabilities);
    }

    /**
     * @param frechetDistance   generated vs held-out real features
     * @param kernelDistance    KID of the same features, with its standard error
     * @param coverage          precision, recall, density and coverage of the same features
     * @param generated         generated images scored
     * @param heldOut           held-out real images compared with
     * @param askedClassHitRate share of images the classifier puts in the class asked of a
     *                          conditional G, or null
     * @param askedClassConfusion the same per asked class: asked x predicted counts and the
     *                          per-class hit rates; null when {@code askedClassHitRate} is
     */
    public record Quick(double frechetDistance, KernelDistance kernelDistance, ManifoldCoverage coverage,
                        ClassifierScores scores, int generated, int heldOut,
                        Double askedClassHitRate, ConfusionMatrix askedClassConfusion) {
    }

    private static int[] labels(DigitDataset data) {
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = data.label(i);
        }
        return labels;
    }

    private DigitClassifier.Outputs outputsOf(DigitDataset data, int from, int to) {
        int n = to - from;
        double[][] f = new double[n][];
        double[][] p = new double[n][];
        for (int a = from; a < to; a += CHUNK) {
            int b = Math.min(to, a + CHUNK);
            DigitClassifier.Outputs o = classifier.outputs(data.scaledImages(a, b));
            System.arraycopy(o.features(), 0, f, a - from, b - a);
            System.arraycopy(o.probabilities(), 0, p, a - from, b - a);
        }
        return new DigitClassifier.Outputs(f, p);
    }
}
