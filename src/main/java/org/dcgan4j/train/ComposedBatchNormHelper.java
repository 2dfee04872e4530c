package org.dcgan4j.train;

import java.lang.reflect.Field;
import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's oneDNN BatchNormalization helper with its backward pass written as eight ND4J
 * element-wise, broadcast and reduction ops.
 *
 * <p>Why: libnd4j's {@code batchnorm_bp} on the oneDNN build takes 5–14 ms for one of this model's
 * activations (400–800 K floats) on 2 cores, several times the cost of the ops below, and DL4J
 * hands G's first BatchNormalization ({@code [N, 6272]}) to it as {@code [N, 6272, 1, 1]}, its
 * slowest case. The forward pass, the batch statistics it caches and the running-statistics
 * update stay DL4J's and oneDNN's; only the three backward quantities are computed here, in
 * training mode (batch statistics), for an activation {@code x} seen as {@code [N, C, S]} with
 * {@code M = N S} values per channel:
 * <pre>
 *   xc = x - mean,  r = 1 / sqrt(var + eps)
 *   dBeta  = sum dy
 *   dGamma = r sum dy xc
 *   dx     = gamma r dy  -  (gamma r^2 dGamma / M) xc  -  gamma r dBeta / M
 * </pre>
 * The sums run in another order than oneDNN's, so the results differ from it by float rounding
 * (relative 1e-6 or less), deterministically: a run and its resume still compute the same bits.
 *
 * <p>DL4J gives a layer's helper no setter: {@link #installIn} puts this one in the layer's
 * package-private field, wrapping the helper DL4J chose. Layers without the oneDNN helper (other
 * data types, CUDA) and NHWC layers keep DL4J's own path.
 */
final class ComposedBatchNormHelper implements BatchNormalizationHelper {

    /** The layer field DL4J keeps its helper in. */
    private static final String HELPER_FIELD = "helper";

    private final BatchNormalizationHelper original;

    private ComposedBatchNormHelper(BatchNormalizationHelper original) {
        this.original = original;
    }

    /** Installs this helper in every BatchNormalization layer of {@code net} that runs on oneDNN; idempotent. */
    static void installIn(MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer instanceof BatchNormalization bn && bn.getHelper() instanceof MKLDNNBatchNormHelper mkl) {
                setHelper(bn, new ComposedBatchNormHelper(mkl));
            }
        }
    }

    /** The helper DL4J chose, which this one wraps. */
    BatchNormalizationHelper wrapped() {
        return original;
    }

    private static void setHelper(BatchNormalization layer, BatchNormalizationHelper helper) {
        try {
            Field field = BatchNormalization.class.getDeclaredField(HELPER_FIELD);
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's BatchNormalization has no field '" + HELPER_FIELD
                    + "' of type BatchNormalizationHelper any more", e);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = original.getMeanCache(DataType.FLOAT);
        INDArray var = original.getVarCache(DataType.FLOAT);
        if (format != CNN2DFormat.NCHW || input.dataType() != DataType.FLOAT || gamma == null || mean == null) {
            return original.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        long n = input.size(0);
        long c = input.size(1);
        long s = input.length() / (n * c);
        // [N, C] for a dense layer's activations (DL4J passes them as [N, C, 1, 1]), else [N, C, H*W]:
        // broadcasts along dimension 1 of a 2-D array run twice as fast as of [N, C, 1].
        long[] grouped = s == 1 ? new long[] {n, c} : new long[] {n, c, s};
        int[] perChannel = s == 1 ? new int[] {0} : new int[] {0, 2};
        double m = (double) n * s;
        INDArray x = input.reshape('c', grouped);
        INDArray dy = epsilon.reshape('c', grouped);
        INDArray g = gamma.reshape(c);
        INDArray dGamma = dGammaView.reshape(c);
        INDArray dBeta = dBetaView.reshape(c);

        INDArray r = Transforms.pow(var.add(eps), -0.5, false);
        INDArray xc = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, grouped, 'c');
        INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, grouped, 'c');
        Nd4j.exec(new BroadcastSubOp(x, mean, xc, 1));
        dy.sum(dBeta, perChannel);
        dy.mul(xc, scratch).sum(dGamma, perChannel);
        dGamma.muli(r);

        INDArray dyScale = g.mul(r);
        INDArray xcScale = dyScale.mul(r).muli(dGamma).divi(-m);
        INDArray shift = dyScale.mul(dBeta).divi(-m);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        INDArray dxGrouped = dx.reshape('c', grouped);
        Nd4j.exec(new BroadcastMulOp(dy, dyScale, dxGrouped, 1));
        Nd4j.exec(new BroadcastMulOp(xc, xcScale, scratch, 1));
        dxGrouped.addi(scratch);
        Nd4j.exec(new BroadcastAddOp(dxGrouped, shift, dxGrouped, 1));
        if (workspaceMgr.isScopedOut(ArrayType.BP_WORKING_MEM)) {
            // Detached arrays: freed now rather than whenever the collector finds their Java objects.
            xc.close();
            scratch.close();
        }
        for (INDArray small : new INDArray[] {r, dyScale, xcScale, shift}) {
            small.close();
        }

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        return original.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return original.getMeanCache(dataType);
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return original.getVarCache(dataType);
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return original.checkSupported(eps, fixedGammaBeta);
    }

    @Override
    public boolean checkSupported() {
        return original.checkSupported();
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return original.helperMemoryUse();
    }
}
