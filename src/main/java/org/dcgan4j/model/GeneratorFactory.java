package org.dcgan4j.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the DCGAN generator: noise z ~ N(0, 1) to a 28x28 image in [-1, 1].
 *
 * <p>It ends in a plain layer, not an OutputLayer: it is trained only through the
 * discriminator's input gradient, which DL4J accepts as an external error only when the last
 * layer has no loss of its own.
 */
public final class GeneratorFactory {

    private GeneratorFactory() {
    }

    /** A freshly initialised generator; the same seed gives the same weights. */
    public static MultiLayerNetwork create(Architecture arch, AdamSettings adam, long seed) {
        return create(arch, adam, seed, DataType.FLOAT);
    }

    /** As {@link #create(Architecture, AdamSettings, long)}, with parameters and activations in {@code dataType}. */
    public static MultiLayerNetwork create(Architecture arch, AdamSettings adam, long seed, DataType dataType) {
        int wide = 2 * arch.generatorWidth();
        int narrow = arch.generatorWidth();
        MultiLayerConfiguration conf = DcganNetworkDefaults.list(adam, seed, dataType)
                .layer(new DenseLayer.Builder().nIn(arch.generatorInputSize()).nOut(7 * 7 * wide)
                        .activation(Activation.IDENTITY).build())
                // [N, z (+ classes)] -> [N, 7*7*wide]
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .inputPreProcessor(3, new FeedForwardToCnnPreProcessor(7, 7, wide))
                // [N, 7*7*wide] -> [N, wide, 7, 7]
                .layer(new Deconvolution2D.Builder().nOut(narrow).kernelSize(4, 4).stride(2, 2)
                        .padding(1, 1).activation(Activation.IDENTITY).build())
                // -> [N, narrow, 14, 14]
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new Deconvolution2D.Builder().nOut(Architecture.CHANNELS).kernelSize(4, 4)
                        .stride(2, 2).padding(1, 1).activation(Activation.TANH).build())
                // -> [N, 1, 28, 28], tanh: matches real pixels scaled to [-1, 1]
                .setInputType(InputType.feedForward(arch.generatorInputSize()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
