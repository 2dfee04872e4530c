package org.dcgan4j.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.dcgan4j.data.DigitDataset;
import org.dcgan4j.data.ShuffledBatchIterator;
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

/**
 * A LeNet-style digit classifier: the feature extractor behind dcgan4j's quality numbers
 * (Inception-v3, the usual FID network, is neither offline nor on the JVM). Its 128-unit
 * penultimate layer gives the features of the Fréchet distance; its softmax the class
 * probabilities of the inception score and the class histogram.
 */
public final class DigitClassifier {

    /** Names the architecture and training recipe; part of the cache key. */
    public static final String RECIPE = "lenet5-32-64-128-adam1e-3-6ep-v1";
    /** Index of the penultimate (feature) layer. */
    private static final int FEATURE_LAYER = 4;
    public static final int FEATURES = 128;

    private final MultiLayerNetwork net;

    private DigitClassifier(MultiLayerNetwork net) {
        this.net = net;
    }

    /** Trains a new classifier on labelled images (about a minute for 9,000 digits on 2 cores). */
    public static DigitClassifier train(DigitDataset data, int numClasses, long seed, int epochs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed).dataType(DataType.FLOAT).updater(new Adam(1e-3)).weightInit(WeightInit.RELU)
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
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ShuffledBatchIterator batches = new ShuffledBatchIterator(data, 64, seed);
        for (int e = 0; e < epochs; e++) {
            while (batches.hasNext()) {
                DataSet ds = batches.next();
                net.fit(ds.getFeatures(), ds.getLabels());
            }
            batches.reset();
        }
        return new DigitClassifier(net);
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

    public void save(OutputStream out) throws IOException {
        ModelSerializer.writeModel(net, out, false);
    }

    public static DigitClassifier load(InputStream in) throws IOException {
        return new DigitClassifier(ModelSerializer.restoreMultiLayerNetwork(in, false));
    }

    /**
     * @param features      [n][128] penultimate activations
     * @param probabilities [n][classes] softmax outputs
     */
    public record Outputs(double[][] features, double[][] probabilities) {
    }
}
