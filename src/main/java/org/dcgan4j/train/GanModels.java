package org.dcgan4j.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** The generator and discriminator being trained together. */
public record GanModels(MultiLayerNetwork generator, MultiLayerNetwork discriminator) {
}
