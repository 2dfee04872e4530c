package org.dcgan4j.eval;

import org.dcgan4j.data.DigitDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a generator against real images with the digit classifier: Fréchet distance of the
 * classifier's features, inception score and class histogram, and the same numbers for real
 * images as the floor.
 */
public final class GeneratorEvaluator {

    /** Images per forward pass. */
    private static final int CHUNK = 500;

    private final DigitClassifier classifier;
    private final double accuracy;
    private final DigitDataset train;
    private final DigitDataset heldOut;
    private final double[][] heldOutFeatures;
    private final GaussianFit heldOutFit;
    private final ClassifierScores heldOutScores;

    public GeneratorEvaluator(ClassifierCache.Cached classifier, DigitDataset train, DigitDataset heldOut) {
        this.classifier = classifier.classifier();
        this.accuracy = classifier.accuracy();
        this.train = train;
        this.heldOut = heldOut;
        DigitClassifier.Outputs real = outputsOf(heldOut, 0, heldOut.size());
        this.heldOutFeatures = real.features();
        this.heldOutFit = GaussianFit.of(heldOutFeatures);
        this.heldOutScores = ClassifierScores.of(real.probabilities());
    }

    /**
     * @param noise [count, latentSize] noise for the generator, run in inference mode
     */
    public QualityReport evaluate(MultiLayerNetwork generator, INDArray noise) {
        int count = (int) noise.size(0);
        double[][] features = new double[count][];
        double[][] probabilities = new double[count][];
        for (int from = 0; from < count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK);
            INDArray images = generator.output(noise.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)), false);
            DigitClassifier.Outputs o = classifier.outputs(images);
            System.arraycopy(o.features(), 0, features, from, to - from);
            System.arraycopy(o.probabilities(), 0, probabilities, from, to - from);
        }
        double fd = FrechetDistance.between(GaussianFit.of(features), heldOutFit);
        int floorCount = Math.min(count, train.size());
        double floorFd = FrechetDistance.between(GaussianFit.of(outputsOf(train, 0, floorCount).features()), heldOutFit);
        return new QualityReport("LeNet digit classifier (" + DigitClassifier.FEATURES + "-d penultimate features)",
                accuracy, count, heldOut.size(), fd, ClassifierScores.of(probabilities), floorCount, floorFd,
                heldOutScores);
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
