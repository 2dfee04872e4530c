package org.dcgan4j.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The live layer of {@link MinibatchStandardDeviationLayer}: [N, C, H, W] in, [N, C + 1, H, W] out.
 *
 * <p>The batch is cut into groups of G images, image n in group n mod (N / G), as StyleGAN2's
 * reshape to {@code [G, -1, C, H, W]} gives. For group j and feature f (one of F = C·H·W), σ_jf is
 * the standard deviation of the feature over the group's images; the new plane of each image of
 * group j holds s_j = mean over f of σ_jf. D sees its real and its fake batch separately, so a group
 * never mixes real and generated images.
 *
 * <p>Backward: ∂s_j/∂x_nf = (x_nf − μ_jf) / (G·F·σ_jf) for each image n of group j (the mean's own
 * dependence cancels, as the deviations sum to 0), times the sum E_j of the plane's error over
 * the group's images and positions; the first C channels pass their error through.
 */
final class MinibatchStandardDeviationFeature extends AbstractLayer<MinibatchStandardDeviationLayer> {

    /** Keeps σ and its reciprocal finite when a group's images are identical. */
    private static final double EPSILON = 1e-8;

    MinibatchStandardDeviationFeature(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The deviations from each group's mean, as [G, M·F] (M = N / G groups), and σ as [M·F]. */
    private record Spread(INDArray deviations, INDArray sigma, int group, long groups, long features) {
    }

    private Spread spread() {
        int group = layerConf().getGroupSize();
        long n = input.size(0);
        if (n % group != 0) {
            throw new IllegalStateException("a batch of " + n + " images does not split into groups of " + group
                    + " for the minibatch standard deviation");
        }
        long groups = n / group;
        long features = input.length() / n;
        // A view of the input where its layout allows one; reshape copies only when it must.
        INDArray grouped = input.reshape('c', group, groups * features);
        INDArray deviations = grouped.subRowVector(grouped.mean(0));
        INDArray sigma = Transforms.sqrt(deviations.mul(deviations).mean(0).addi(EPSILON), false);
        return new Spread(deviations, sigma, group, groups, features);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Spread spread = spread();
        long n = input.size(0);
        long channels = input.size(1);
        long positions = input.size(2) * input.size(3);
        INDArray perGroup = spread.sigma().reshape(spread.groups(), spread.features()).mean(1);
        // [M] -> [N, 1]: image n gets group n mod M
        INDArray perImage = Nd4j.tile(perGroup.reshape(1, spread.groups()), spread.group(), 1).reshape(n, 1);
        INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {n, channels + 1, input.size(2), input.size(3)}, 'c');
        output.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channels), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(input);
        output.get(NDArrayIndex.all(), NDArrayIndex.point(channels), NDArrayIndex.all(), NDArrayIndex.all())
                .assign(Nd4j.ones(input.dataType(), n, positions).muliColumnVector(perImage)
                        .reshape(n, input.size(2), input.size(3)));
        return output;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Spread spread = spread();
        long n = input.size(0);
        long channels = input.size(1);
        INDArray planeError = epsilon.get(NDArrayIndex.all(), NDArrayIndex.point(channels), NDArrayIndex.all(),
                NDArrayIndex.all()).dup('c').reshape(n, input.size(2) * input.size(3)).sum(1);
        INDArray groupError = planeError.reshape(spread.group(), spread.groups()).sum(0);
        // coefficient[j, f] = E_j / (G F sigma_jf)
        INDArray coefficient = spread.sigma().rdiv(1.0 / (spread.group() * (double) spread.features()))
                .reshape(spread.groups(), spread.features()).muliColumnVector(groupError.reshape(spread.groups(), 1))
                .reshape(1, spread.groups() * spread.features());
        INDArray inputError = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        inputError.assign(spread.deviations().muliRowVector(coefficient).reshape(input.shape()));
        inputError.addi(epsilon.get(NDArrayIndex.all(), NDArrayIndex.interval(0, channels), NDArrayIndex.all(),
                NDArrayIndex.all()));
        return new Pair<>(new DefaultGradient(), inputError);
    }

    @Override
    public Layer.Type type() {
        return Layer.Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public INDArray params() {
        return null;
    }
}
