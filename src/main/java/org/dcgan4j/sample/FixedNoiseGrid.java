package org.dcgan4j.sample;

import java.awt.image.BufferedImage;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The same noise vectors rendered by G at every snapshot, so successive grids show how the
 * same "latent points" evolve. G runs in inference mode (BatchNormalization uses its running
 * statistics), as it will when users generate from a saved model.
 *
 * <p>A class-conditional generator gets one row per class, each row rendering the same noise
 * vectors (the first {@code ceil(sqrt(count))} of them), so a column shows one "style" across
 * all classes.
 */
public final class FixedNoiseGrid {

    private final INDArray noise;
    private final Architecture architecture;

    /**
     * @param noise        [count, latentSize], saved in checkpoints so a resumed run keeps it
     * @param architecture the generator's architecture (conditional or not)
     */
    public FixedNoiseGrid(INDArray noise, Architecture architecture) {
        this.noise = noise;
        this.architecture = architecture;
    }

    public INDArray noise() {
        return noise;
    }

    public BufferedImage render(MultiLayerNetwork generator) {
        int count = (int) noise.size(0);
        int columns = ImageGrid.columnsFor(count);
        if (!architecture.conditional()) {
            return ImageGrid.tile(generator.output(noise, false), columns);
        }
        return ImageGrid.tile(generator.output(classRows(noise, columns, new ClassConditioning(architecture)), false),
                columns);
    }

    /**
     * G's input for a grid of one row per class: row {@code r} pairs the first {@code columns}
     * noise vectors with class {@code r}. [classes * columns, latent + classes]
     */
    public static INDArray classRows(INDArray noise, int columns, ClassConditioning conditioning) {
        int classes = conditioning.classes();
        INDArray rowNoise = noise.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, columns),
                org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray[] blocks = new INDArray[classes];
        int[] labels = new int[columns];
        for (int r = 0; r < classes; r++) {
            java.util.Arrays.fill(labels, r);
            blocks[r] = conditioning.generatorInput(rowNoise, conditioning.oneHot(labels));
        }
        return org.nd4j.linalg.factory.Nd4j.vstack(blocks);
    }
}
