package org.dcgan4j.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
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
        if (spectralNorm) {
            return spectrallyNormalised(arch, adam, seed, dataType);
        }
        int narrow = arch.discriminatorWidth();
        int wide = 2 * arch.discriminatorWidth();
        MultiLayerConfiguration conf = DcganNetworkDefaults.list(adam, seed, dataType)
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nOut(narrow).activation(new LeakyReluActivation(0.2)).build())
                // [N, 1 (+ classes), 28, 28] -> [N, narrow, 14, 14]
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1)
                        .nOut(wide).activation(Activation.IDENTITY).build())
                // -> [N, wide, 7, 7]
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(new LeakyReluActivation(0.2)))
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build())
                // [N, wide*7*7] -> [N, 1]: the logit of "this image is real"
                .setInputType(InputType.convolutional(Architecture.HEIGHT, Architecture.WIDTH,
                        arch.discriminatorChannels()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The reference layers without BatchNormalization, each weight layer under {@link SpectralNormConstraint}. */
    private static MultiLayerNetwork spectrallyNormalised(Architecture arch, AdamSettings adam, long seed,
                                                          DataType dataType) {
        int narrow = arch.discriminatorWidth();
        int wide = 2 * arch.discriminatorWidth();
        MultiLayerConfiguration conf = DcganNetworkDefaults.list(adam, seed, dataType)
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(narrow)
                        .activation(new LeakyReluActivation(0.2)).constrainWeights(new SpectralNormConstraint()).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).padding(1, 1).nOut(wide)
                        .activation(Activation.IDENTITY).constrainWeights(new SpectralNormConstraint()).build())
                .layer(new ActivationLayer(new LeakyReluActivation(0.2)))
                .layer(new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY)
                        .constrainWeights(new SpectralNormConstraint()).build())
                .setInputType(InputType.convolutional(Architecture.HEIGHT, Architecture.WIDTH,
                        arch.discriminatorChannels()))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
