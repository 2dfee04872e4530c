package org.dcgan4j.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.RandomAffineAugmentation;
import org.dcgan4j.data.ShuffledBatchIterator;
import org.dcgan4j.model.LayerHelpers;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * A LeNet-style digit classifier: the feature extractor behind dcgan4j's quality numbers
 * (Inception-v3, the usual FID network, is neither offline nor on the JVM). Its 128-unit
 * penultimate layer gives the features of the Fréchet distance; its softmax the class
 * probabilities of the inception score and the class histogram.
 *
 * <p>It is built, trained and loaded with the layer helpers that {@link LayerHelpers#configure}
 * prefers on this machine (oneDNN on the CPU build), whatever the switch says at the time: the
 * helpers round differently, and an earlier recipe scored 98.2% trained without them and 97.6%
 * through them, same seed, so a test that ran after a command had switched them would have
 * measured another classifier than the command's.
 */
public final class DigitClassifier {

    /** Index of the penultimate (feature) layer. */
    private static final int FEATURE_LAYER = 4;
    public static final int FEATURES = 128;

    private static final int BATCH = 64;
    private static final double LEARNING_RATE = 1e-3;
    /** Where the learning rate ends, after a half cosine over the last {@link #DECAY_EPOCHS}. */
    private static final double FINAL_LEARNING_RATE = 1e-4;
    private static final int DECAY_EPOCHS = 6;
    /**
     * Random shift (pixels per axis), rotation (degrees) and size change of every training image:
     * 9,000 digits alone leave the classifier near 97%, whatever the rest of the recipe.
     */
    private static final double MAX_SHIFT = 2;
    private static final double MAX_ROTATION = 10;
    private static final double MAX_SCALE_CHANGE = 0.1;

    private final MultiLayerNetwork net;

    private DigitClassifier(MultiLayerNetwork net) {
        this.net = net;
    }

    /**
     * Trains a new classifier on labelled images (9,000 digits, 12 epochs: about 1.5 minutes on
     * 2 cores with oneDNN, five on DL4J's Java layers). The network is built and trained on the
     * preferred layer path, so the classifier, its held-out accuracy and the features it gives
     * are the same whether a command switched the helpers on or not.
     */
    public static DigitClassifier train(DigitDataset data, int numClasses, long seed, int epochs) {
        return LayerHelpers.with(LayerHelpers.preferred(), () -> fit(data, numClasses, seed, epochs));
    }

    /**
     * Everything that decides what {@link #train} makes, as text: the network's configuration
     * (layers, seed, the Adam schedule) and the training values (batch, augmentation, epochs).
     * The classifier cache is keyed by it, so changing any of them trains a new classifier.
     */
    public static String recipe(int numClasses, long seed, int epochs) {
        return configuration(numClasses, seed, epochs).toJson()
                + "|batch=" + BATCH + "|epochs=" + epochs + "|seed=" + seed
                + "|shift=" + MAX_SHIFT + "|rotation=" + MAX_ROTATION + "|scale=" + MAX_SCALE_CHANGE;
    }

    private static DigitClassifier fit(DigitDataset data, int numClasses, long seed, int epochs) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(numClasses, seed, epochs));
        net.init();
        ShuffledBatchIterator batches = new ShuffledBatchIterator(data, BATCH, seed);
        batches.setPreProcessor(new RandomAffineAugmentation(MAX_SHIFT, MAX_ROTATION, MAX_SCALE_CHANGE, seed));
        for (int e = 0; e < epochs; e++) {
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                net.fit(ds.getFeatures(), ds.getLabels());
            }
            batches.reset();
            net.incrementEpochCount(); // fit(features, labels) counts iterations only; the schedule is per epoch
        }
        return new DigitClassifier(net);
    }

    private static MultiLayerConfiguration configuration(int numClasses, long seed, int epochs) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(learningRates(epochs))).weightInit(WeightInit.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                // [N, 1, 28, 28] -> [N, 32, 24, 24]
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                // -> [N, 32, 12, 12]
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).build())
                // -> [N, 64, 8, 8]
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                // -> [N, 64, 4, 4]
                .layer(new DenseLayer.Builder().nOut(FEATURES).activation(Activation.RELU).build())
                // -> [N, 128]: the features
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(numClasses)
                        .activation(Activation.SOFTMAX).build())
                // -> [N, classes]
                .setInputType(InputType.convolutional(28, 28, 1))
                .build();
    }

    /**
     * Per epoch: {@link #LEARNING_RATE} until the last {@link #DECAY_EPOCHS}, then a half cosine
     * that reaches {@link #FINAL_LEARNING_RATE} in the last epoch.
     */
    static ISchedule learningRates(int epochs) {
        Map<Integer, Double> rates = new HashMap<>();
        int decayFrom = Math.max(0, epochs - DECAY_EPOCHS);
        int decayEpochs = epochs - decayFrom;
        for (int e = 0; e < epochs; e++) {
            double progress = e < decayFrom ? 0 : (double) (e - decayFrom + 1) / decayEpochs;
            rates.put(e, FINAL_LEARNING_RATE + (LEARNING_RATE - FINAL_LEARNING_RATE) * (1 + Math.cos(Math.PI * progress)) / 2);
        }
        return new MapSchedule(ScheduleType.EPOCH, rates);
    }

    /** The network itself, for tests in this package. */
    MultiLayerNetwork network() {
        return net;
    }

    /**
     * The first 8 hex digits of the SHA-256 of the weights (float32, little-endian): two
     * classifiers with the same recipe and data can differ (one trained by another build), and
     * their Fréchet distances then differ too, so a report names the one it used.
     */
    public String fingerprint() {
        float[] weights = net.params().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * weights.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(weights);
        return DigestUtils.sha256Hex(bytes.array()).substring(0, 8);
    }

    /** Share of {@code data}'s images whose predicted class is their label. */
    public double accuracy(DigitDataset data) {
        int correct = 0;
        for (int from = 0; from < data.size(); from += 500) {
            int to = Math.min(data.size(), from + 500);
            INDArray predicted = net.output(data.scaledImages(from, to), false).argMax(1);
            for (int i = from; i < to; i++) {
                if (predicted.getInt(i - from) == data.label(i)) {
                    correct++;
                }
            }
        }
        return (double) correct / data.size();
    }

    /** Features and class probabilities of images [N, 1, 28, 28] in [-1, 1]. */
    public Outputs outputs(INDArray images) {
        List<INDArray> acts = net.feedForward(images, false);
        INDArray features = acts.get(FEATURE_LAYER + 1);
        INDArray probabilities = acts.get(acts.size() - 1);
        return new Outputs(features.castTo(DataType.DOUBLE).toDoubleMatrix(),
                probabilities.castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    /** Whether any layer runs on a native helper ({@link LayerHelpers#preferred}: see {@link #train}). */
    boolean onLayerHelpers() {
        return LayerHelpers.inUse(net);
    }

    public void save(OutputStream out) throws IOException {
        ModelSerializer.writeModel(net, out, false);
    }

    /** A saved classifier, on the layer path it was trained on. */
    public static DigitClassifier load(InputStream in) throws IOException {
        return new DigitClassifier(LayerHelpers.with(LayerHelpers.preferred(),
                () -> ModelSerializer.restoreMultiLayerNetwork(in, false)));
    }

    /**
     * @param features      [n][128] penultimate activations
     * @param probabilities [n][classes] softmax outputs
     */
    public record Outputs(double[][] features, double[][] probabilities) {
    }
}
