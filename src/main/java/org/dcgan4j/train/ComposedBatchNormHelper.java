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
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's oneDNN BatchNormalization helper with its training-mode forward and backward passes
 * written as ND4J element-wise, scalar and reduction ops over contiguous memory
 * ({@link PerChannelView}).
 *
 * <p>Why: in DL4J's helper, the batch variance ({@code Variance} over dimensions 0, 2, 3) alone
 * takes 1.2–2.4 ms per call on this model's activations (400–800 K floats) on 2 cores, and
 * libnd4j's {@code batchnorm_bp} on the oneDNN build 5–14 ms, several times the cost of the ops
 * below; DL4J also hands G's first BatchNormalization ({@code [N, 6272]}) to them as
 * {@code [N, 6272, 1, 1]}, their slowest case. For an activation {@code x} with {@code M} values
 * per channel:
 * <pre>
 *   forward:   mean = sum x / M,  xc = x - mean,  var = sum xc^2 / M,  r = 1 / sqrt(var + eps)
 *              y = (gamma r) xc + beta
 *   backward:  dBeta  = sum dy
 *              dGamma = r sum dy xc
 *              dx     = gamma r dy  -  (gamma r^2 dGamma / M) xc  -  gamma r dBeta / M
 * </pre>
 * The running statistics stay DL4J's: the layer updates them from {@link #getMeanCache} and
 * {@link #getVarCache}, this helper's batch statistics. Inference (running statistics) stays the
 * wrapped helper's. The sums run in another order than oneDNN's, so the results differ from it by
 * float rounding, deterministically: a run and its resume still compute the same bits.
 *
 * <p>DL4J gives a layer's helper no setter: {@link #installIn} puts this one in the layer's
 * package-private field, wrapping the helper DL4J chose. Layers without the oneDNN helper (other
 * data types, CUDA) and NHWC layers keep DL4J's own path.
 */
final class ComposedBatchNormHelper implements BatchNormalizationHelper {

    /** The layer field DL4J keeps its helper in. */
    private static final String HELPER_FIELD = "helper";

    private final BatchNormalizationHelper original;
    /** Batch statistics of the last training-mode forward pass this helper computed, {@code [C]}. */
    private INDArray batchMean;
    private INDArray batchVar;
    /** Whether {@link #batchMean} and {@link #batchVar} are the last training-mode pass's (else the wrapped helper's are). */
    private boolean haveBatchStatistics;

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
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!training) {
            return original.preOutput(x, false, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        haveBatchStatistics = false;
        if (!composable(x, gamma, beta, format)) {
            return original.preOutput(x, training, shape, gamma, beta, mean, var, decay, eps, format, workspaceMgr);
        }
        PerChannelView view = new PerChannelView(x.shape());
        double m = view.valuesPerChannel();
        INDArray in = view.view(x);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        INDArray outView = view.view(out);

        // The output array holds xc first: no temporary of the activation's size.
        allocateBatchStatistics(x.size(1));
        view.sum(in, batchMean);
        batchMean.divi(m);
        view.sub(in, batchMean, outView);
        view.sumOfSquares(outView, batchVar);
        batchVar.divi(m);
        haveBatchStatistics = true;
        try (INDArray scale = Transforms.pow(batchVar.add(eps), -0.5, false)) {
            scale.muli(gamma.reshape(scale.shape()));
            view.mul(outView, scale, outView);
            view.add(outView, beta, outView);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        INDArray mean = getMeanCache(DataType.FLOAT);
        INDArray var = getVarCache(DataType.FLOAT);
        if (mean == null || !composable(input, gamma, beta, format)) {
            return original.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        PerChannelView view = new PerChannelView(input.shape());
        double m = view.valuesPerChannel();
        INDArray x = view.view(input);
        INDArray dy = view.view(epsilon);
        INDArray xc = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, x.shape(), 'c');
        INDArray scratch = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, x.shape(), 'c');
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        INDArray dxView = view.view(dx);

        view.sub(x, mean, xc);
        dy.mul(xc, scratch);
        try (INDArray r = Transforms.pow(var.add(eps), -0.5, false);
                INDArray dBeta = view.sum(dy);
                INDArray dGamma = view.sum(scratch).muli(r);
                INDArray dyScale = r.mul(gamma.reshape(r.shape()));
                INDArray xcScale = dyScale.mul(r).muli(dGamma).divi(-m);
                INDArray shift = dyScale.mul(dBeta).divi(-m)) {
            dBetaView.assign(dBeta.reshape(dBetaView.shape()));
            dGammaView.assign(dGamma.reshape(dGammaView.shape()));
            view.mul(xc, xcScale, scratch);
            view.add(scratch, shift, scratch);
            view.mul(dy, dyScale, dxView);
            dxView.addi(scratch);
        }
        if (workspaceMgr.isScopedOut(ArrayType.BP_WORKING_MEM)) {
            // Detached arrays: freed now rather than whenever the collector finds their Java objects.
            xc.close();
            scratch.close();
        }

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    /** NCHW float data with gamma and beta: what this helper computes. */
    private static boolean composable(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT && gamma != null && beta != null;
    }

    /**
     * Outside any workspace, since DL4J reads the batch statistics after the forward pass's
     * workspace has closed, and once: arrays kept across a step but allocated anew every pass
     * would scatter through the native heap and make the process grow.
     */
    private void allocateBatchStatistics(long channels) {
        if (batchMean != null && batchMean.length() == channels) {
            return;
        }
        if (batchMean != null) {
            batchMean.close();
            batchVar.close();
        }
        try (MemoryWorkspace detached = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            batchMean = Nd4j.create(DataType.FLOAT, channels);
            batchVar = Nd4j.create(DataType.FLOAT, channels);
        }
    }

    /** The last training-mode forward pass's batch means: this helper's, or the wrapped one's when it ran. */
    @Override
    public INDArray getMeanCache(DataType dataType) {
        return haveBatchStatistics ? batchMean.castTo(dataType) : original.getMeanCache(dataType);
    }

    /** The last training-mode forward pass's batch variances (not bias-corrected), as {@link #getMeanCache}. */
    @Override
    public INDArray getVarCache(DataType dataType) {
        return haveBatchStatistics ? batchVar.castTo(dataType) : original.getVarCache(dataType);
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
