package org.dcgan4j.model;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Max;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The leaky ReLU, {@code max(x, alpha x)}, built from ND4J's vectorised element-wise operations.
 *
 * <p>Why not ND4J's {@link ActivationLReLU}: its native kernels ({@code leakyrelu} and
 * {@code lrelu_bp}) run several times slower than a plain multiply, maximum or step over the same
 * array (the README's Speed section has the numbers), and D applies them three times per
 * iteration to its two widest activations. The results are bit-identical to
 * {@link ActivationLReLU}'s for {@code 0 < alpha < 1}: the forward pass picks the same product
 * {@code alpha x} or {@code x}, and the backward pass multiplies the error by exactly {@code 1} or
 * {@code alpha}.
 */
public final class LeakyReluActivation extends BaseActivationFunction {

    /** The slope for negative inputs; a field, not a constant, because the network JSON stores it. */
    private double alpha;

    /** For the network JSON reader. */
    private LeakyReluActivation() {
        this(ActivationLReLU.DEFAULT_ALPHA);
    }

    public LeakyReluActivation(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("leaky ReLU slope must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    public double alpha() {
        return alpha;
    }

    /** In place, as DL4J's activations are: {@code in} becomes {@code max(in, alpha in)}. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        INDArray scaled = in.ulike();
        Nd4j.getExecutioner().exec(new ScalarMultiplication(in, null, scaled, alpha));
        Nd4j.exec(new Max(in, scaled, in));
        if (scaled.closeable()) {
            scaled.close();
        }
        return in;
    }

    /**
     * The input's error, written over {@code in}: {@code epsilon} where {@code in >= 0} (zero and
     * negative zero included), else {@code alpha epsilon}, as ND4J's {@code lrelu_bp} computes it.
     * The slope per element is {@code step(in) (1 - a) + a}, which rounds to exactly 1 or a, with
     * {@code a} the slope rounded to float: {@code lrelu_bp} rounds it so in double precision too,
     * and a run must go on with the same numbers whichever activation it was saved with.
     */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        DataType type = in.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return new ActivationLReLU(alpha).backprop(in, epsilon);
        }
        // x > -(smallest positive value) is x >= 0 for every value of the type, -0 included.
        double belowZero = type == DataType.FLOAT ? -Float.MIN_VALUE : -Double.MIN_VALUE;
        double a = (float) alpha;
        Nd4j.getExecutioner().exec(new Step(in, in, belowZero));
        in.muli(1 - a).addi(a).muli(epsilon);
        return new Pair<>(in, null);
    }

    /**
     * Replaces every {@link ActivationLReLU} in {@code net}'s layer configurations with this
     * activation of the same slope, for networks saved before it existed; their outputs and
     * gradients do not change. Returns how many were replaced.
     */
    public static int replaceIn(MultiLayerNetwork net) {
        int replaced = 0;
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer layer = net.getLayerWiseConfigurations().getConf(i).getLayer();
            if (layer instanceof BaseLayer base && base.getActivationFn() instanceof ActivationLReLU old) {
                base.setActivationFn(new LeakyReluActivation(old.getAlpha()));
                replaced++;
            } else if (layer instanceof org.deeplearning4j.nn.conf.layers.ActivationLayer activation
                    && activation.getActivationFn() instanceof ActivationLReLU old) {
                activation.setActivationFn(new LeakyReluActivation(old.getAlpha()));
                replaced++;
            }
        }
        return replaced;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeakyReluActivation other && other.alpha == alpha;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(alpha);
    }

    @Override
    public String toString() {
        return "leakyrelu(a=" + alpha + ")";
    }
}
