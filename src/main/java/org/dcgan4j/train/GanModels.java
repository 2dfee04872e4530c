package org.dcgan4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The networks of a GAN run.
 *
 * @param generator     G, trained
 * @param discriminator D, trained
 * @param generatorEma  an exponential moving average of G's parameters ({@link GeneratorEma}),
 *                      used for sample grids, {@code generate} and {@code evaluate}
 */
public record GanModels(MultiLayerNetwork generator, MultiLayerNetwork discriminator, MultiLayerNetwork generatorEma) {

    /** A fresh pair: the average starts as a copy of G. */
    public GanModels(MultiLayerNetwork generator, MultiLayerNetwork discriminator) {
        this(generator, discriminator, generator.clone());
    }
}
