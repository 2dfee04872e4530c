package org.dcgan4j.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The input format of a class-conditional DCGAN (Mirza and Osindero's cGAN with convolutions):
 * G reads [z, one-hot label], D reads the image with one constant plane per class appended (the
 * plane of the image's class is all ones). For an unconditional architecture every method hands
 * its input back unchanged, so the trainer has one code path.
 */
public final class ClassConditioning {

    private final int classes;

    public ClassConditioning(Architecture architecture) {
        this.classes = architecture.classes();
    }

    public boolean conditional() {
        return classes > 0;
    }

    /** Number of classes; 0 when unconditional. */
    public int classes() {
        return classes;
    }

    /** One-hot rows [N, classes] for class indices; indices must be in [0, classes). */
    public INDArray oneHot(int[] labels) {
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("class " + labels[i] + " is not in [0, " + classes + ")");
            }
            values[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(values, new long[] {labels.length, classes});
    }

    /** [N, z] noise and [N, classes] one-hot labels to G's input [N, z + classes]. */
    public INDArray generatorInput(INDArray noise, INDArray oneHot) {
        if (!conditional()) {
            return noise;
        }
        return Nd4j.hstack(noise, oneHot.castTo(noise.dataType()));
    }

    /** [N, 1, H, W] images and [N, classes] one-hot labels to D's input [N, 1 + classes, H, W]. */
    public INDArray discriminatorInput(INDArray images, INDArray oneHot) {
        if (!conditional()) {
            return images;
        }
        long n = images.size(0);
        long h = images.size(2);
        long w = images.size(3);
        long planes = Architecture.CHANNELS + classes;
        // Seen as [N (1 + classes), H W], every plane is one contiguous row, and each row gets its
        // one scalar (0 for the image's rows, filled next; the one-hot value for a label's): a
        // per-row scalar op. ND4J's broadcast of [N, classes, 1, 1] to the planes computes an
        // index per element and was the conditional step's slowest op.
        INDArray input = Nd4j.createUninitialized(images.dataType(), n, planes, h, w);
        try (INDArray perRow = Nd4j.createUninitialized(images.dataType(), n, planes)) {
            perRow.get(NDArrayIndex.all(), NDArrayIndex.interval(0, Architecture.CHANNELS)).assign(0);
            perRow.get(NDArrayIndex.all(), NDArrayIndex.interval(Architecture.CHANNELS, planes))
                    .assign(oneHot.castTo(images.dataType()));
            INDArray rows = input.reshape('c', n * planes, h * w);
            rows.assign(1);
            ScalarMultiplication scale = new ScalarMultiplication(rows, perRow.reshape(n * planes), rows, 0);
            scale.setDimension(1);
            Nd4j.exec(scale);
        }
        input.get(NDArrayIndex.all(), NDArrayIndex.interval(0, Architecture.CHANNELS),
                NDArrayIndex.all(), NDArrayIndex.all()).assign(images);
        return input;
    }

    /** D's input gradient [N, 1 + classes, H, W] to the part G produced: [N, 1, H, W]. */
    public INDArray imageGradient(INDArray inputGradient) {
        if (!conditional()) {
            return inputGradient;
        }
        return inputGradient.get(NDArrayIndex.all(), NDArrayIndex.interval(0, Architecture.CHANNELS),
                NDArrayIndex.all(), NDArrayIndex.all()).dup();
    }

    /** Classes 0, 1, ..., classes-1, 0, 1, ... for {@code count} images; null when unconditional. */
    public int[] everyClassInTurn(int count) {
        if (!conditional()) {
            return null;
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /** G's input for noise [N, z] and class indices (null when unconditional). */
    public INDArray generatorInput(INDArray noise, int[] labels) {
        return conditional() ? generatorInput(noise, oneHot(labels)) : noise;
    }
}
