package org.dcgan4j.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Builds the DCGAN discriminator: a 28x28 image in [-1, 1] to one logit per image.
 *
 * <p>It outputs the raw logit (no sigmoid, no OutputLayer): the trainer computes binary
 * cross-entropy on logits itself ({@code AdversarialLoss}), which is numerically stable and
 * lets the same forward pass serve D's update and G's update through D.
 */
public final class DiscriminatorFactory {

    private DiscriminatorFactory() {
    }

    /** A freshly initialised discriminator; the same seed gives the same weights. */
    public static MultiLayerNetwork create(Architecture arch, AdamSettings adam, long seed) {
        return create(arch, adam, seed, DataType.FLOAT);
    }

    /** As {@link #create(Architecture, AdamSettings, long)}, with parameters and activations in {@code dataType}. */
    public static MultiLayerNetwork create(Architecture arch, AdamSettings adam, long seed, DataType dataType) {
        return create(arch, adam, seed, dataType, false);
    }

    /**
     * As {@link #create(Architecture, AdamSettings, long, DataType)}; with {@code spectralNorm}, D
     * has no BatchNormalization and each of its three weight layers is spectrally normalised after
     * every update ({@link SpectralNormConstraint}).
     */
    public static MultiLayerNetwork create(Architecture arch, AdamSettings adam, long seed, DataType dataType,
                                           boolean spectralNorm) {
        return create(arch, adam, seed, dataType, spectralNorm, 0);
    }

    /**
     * As {@link #create(Architecture, AdamSettings, long, DataType, boolean)}; with a {@code
     * minibatchStdGroup} of 2 or more, D's last layer also reads the minibatch standard deviation
     * over groups of that many images ({@link MinibatchStandardDeviationLayer}); 0 for none.
     */
    public static MultiLayerNetwork create(Architecture arch, AdamSettings adam, long seed, DataType dataType,
                                           boolean spectralNorm, int minibatchStdGroup) {
        if (spectralNorm) {
            return spectrallyNormalised(arch, adam, seed, dataType, minibatchStdGroup);
        }
        int narrow = arch.discriminatorWidth();
        int wide = 2 * arch.discriminatorWidth();
        NeuralNetConfiguration.ListBuilder layers = DcganNetworkDefaults.list(adam, seed, dataType)
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nOut(narrow).activation(new LeakyReluActivation(0.2)).build())
                // [N, 1 (+ classes), 28, 28] -> [N, narrow, 14, 14]
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nOut(wide).activation(Activation.IDENTITY).build())
                // -> [N, wide, 7, 7]
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(new LeakyReluActivation(0.2)));
        withMinibatchStd(layers, minibatchStdGroup)
                // -> [N, wide (+ 1), 7, 7]
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                // [N, (wide (+ 1))*7*7] -> [N, 1]: the logit of "this image is real"
                .setInputType(InputType.convolutional(Architecture.HEIGHT, Architecture.WIDTH,
                        arch.discriminatorChannels()));
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.ListBuilder withMinibatchStd(NeuralNetConfiguration.ListBuilder layers,
                                                                       int group) {
        return group == 0 ? layers : layers.layer(new MinibatchStandardDeviationLayer(group));
    }

    /** The reference layers without BatchNormalization, each weight layer under {@link SpectralNormConstraint}. */
    private static MultiLayerNetwork spectrallyNormalised(Architecture arch, AdamSettings adam, long seed,
                                                          DataType dataType, int minibatchStdGroup) {
        int narrow = arch.discriminatorWidth();
        int wide = 2 * arch.discriminatorWidth();
        NeuralNetConfiguration.ListBuilder layers = DcganNetworkDefaults.list(adam, seed, dataType)
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(narrow)
                        .activation(new LeakyReluActivation(0.2)).constrainWeights(new SpectralNormConstraint()).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(wide)
                        .activation(Activation.IDENTITY).constrainWeights(new SpectralNormConstraint()).build())
                .layer(new ActivationLayer(new LeakyReluActivation(0.2)));
        withMinibatchStd(layers, minibatchStdGroup)
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY)
                        .constrainWeights(new SpectralNormConstraint()).build())
                .setInputType(InputType.convolutional(Architecture.HEIGHT, Architecture.WIDTH,
                        arch.discriminatorChannels()));
        MultiLayerConfiguration conf = layers.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
