package org.dcgan4j.sample;

import java.awt.image.BufferedImage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The same noise vectors rendered by G at every snapshot, so successive grids show how the
 * same "latent points" evolve. G runs in inference mode (BatchNormalization uses its running
 * statistics), as it will when users generate from a saved model.
 */
public final class FixedNoiseGrid {

    private final INDArray noise;

    /** @param noise [count, latentSize], saved in checkpoints so a resumed run keeps it */
    public FixedNoiseGrid(INDArray noise) {
        this.noise = noise;
    }

    public INDArray noise() {
        return noise;
    }

    public BufferedImage render(MultiLayerNetwork generator) {
        INDArray images = generator.output(noise, false);
        return ImageGrid.tile(images, ImageGrid.columnsFor((int) noise.size(0)));
    }
}
