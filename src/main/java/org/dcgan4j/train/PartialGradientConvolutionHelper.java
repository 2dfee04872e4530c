package org.dcgan4j.train;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * DL4J's oneDNN convolution helper, with two modes in which the backward pass computes only the
 * part of its result that the caller uses.
 *
 * <ul>
 *   <li>{@link Switch#inputErrorOnly()}: only the error at the layer's input, as the transposed
 *   convolution of the incoming error with the layer's weights; no weight or bias gradient. When G
 *   learns through D, D's parameter gradients are thrown away; only the error at D's input (the
 *   fakes) is used, and the weight gradient is half of {@code conv2d_bp}'s work (the README's
 *   Speed section has the numbers). The same input error to the bit.</li>
 *   <li>{@link Switch#parametersOnly()}: at the network's first layer, whose input is the data,
 *   only the weight and bias gradients ({@link ConvolutionWeightGradient}); the input error
 *   returned is zeros, not computed. D's own step never reads the error at its input, and for a
 *   first layer with one image plane its backward-data pass is most of {@code conv2d_bp}'s time. Other layers run as DL4J calls them. The weight gradient has the
 *   same bits as DL4J's (oneDNN computes both the same way); the bias gradient is the same
 *   per-channel sum in another order, equal within float rounding.</li>
 * </ul>
 *
 * <p>Outside these scopes, and for what the modes do not cover (other formats, data types,
 * dilation, {@code Same} padding), the wrapped helper runs as DL4J would call it. Inside an
 * input-error-only scope the layer's gradient views keep whatever they held: the {@link Gradient}
 * returned must not be applied.
 */
final class PartialGradientConvolutionHelper implements ConvolutionHelper {

    private static final String HELPER_FIELD = "helper";

    /** Which part of the backward pass the helpers of one network compute. */
    private enum Part { ALL, INPUT_ERROR, PARAMETERS }

    /** Turns the modes of every helper installed in one network on and off. */
    static final class Switch {
        private Part part = Part.ALL;

        /** Opens a scope in which the network's convolutions compute only their input error. */
        Scope inputErrorOnly() {
            return open(Part.INPUT_ERROR);
        }

        /**
         * Opens a scope in which the network's first layer computes only its weight and bias
         * gradients (its input error comes back as zeros); the other layers compute everything.
         */
        Scope parametersOnly() {
            return open(Part.PARAMETERS);
        }

        private Scope open(Part scoped) {
            part = scoped;
            return () -> part = Part.ALL;
        }
    }

    /** A scope of {@link Switch#inputErrorOnly()} or {@link Switch#parametersOnly()}. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final ConvolutionHelper original;
    private final Switch mode;
    /** Whether the layer is the network's first, whose input error nothing reads in a parameters-only scope. */
    private final boolean firstLayer;
    /** Made on first use: the layer's geometry does not change. */
    private TransposedConvolution transposedConvolution;
    private ConvolutionWeightGradient weightGradient;

    private PartialGradientConvolutionHelper(ConvolutionHelper original, Switch mode, boolean firstLayer) {
        this.original = original;
        this.mode = mode;
        this.firstLayer = firstLayer;
    }

    /**
     * Wraps the helper of every convolution layer of {@code net} that runs on oneDNN; idempotent.
     *
     * @return the switch of all helpers installed in {@code net}
     */
    static Switch installIn(MultiLayerNetwork net) {
        Switch mode = new Switch();
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer.getHelper() instanceof PartialGradientConvolutionHelper installed) {
                mode = installed.mode;
            }
        }
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (layer instanceof ConvolutionLayer conv && conv.getHelper() instanceof MKLDNNConvHelper mkl) {
                setHelper(conv, new PartialGradientConvolutionHelper(mkl, mode, layer.getIndex() == 0));
            }
        }
        return mode;
    }

    /** DL4J gives a layer's helper no setter: this puts one in the layer's protected field. */
    private static void setHelper(ConvolutionLayer layer, ConvolutionHelper helper) {
        try {
            Field field = ConvolutionLayer.class.getDeclaredField(HELPER_FIELD);
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's ConvolutionLayer has no field '" + HELPER_FIELD
                    + "' of type ConvolutionHelper any more", e);
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            AlgoMode algoMode, BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Part part = mode.part == Part.PARAMETERS && !firstLayer ? Part.ALL : mode.part;
        if (part == Part.ALL || !covered(input, weights, delta, kernel, strides, pad, convolutionMode, dilation, format)) {
            return original.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, algoMode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        if (part == Part.INPUT_ERROR) {
            if (transposedConvolution == null) {
                transposedConvolution = new TransposedConvolution(kernel, strides, pad);
            }
            INDArray inputError = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                    input.shape(), 'c');
            transposedConvolution.run(delta, weights, inputError);
            return new Pair<>(new DefaultGradient(), inputError);
        }
        if (weightGradient == null) {
            weightGradient = new ConvolutionWeightGradient(kernel, strides, pad);
        }
        weightGradient.run(input, weights, delta, weightGradView);
        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            // The bias gradient: the output error summed over samples and positions, per channel.
            INDArray error = delta.ordering() == 'c' && Shape.hasDefaultStridesForShape(delta) ? delta : delta.dup('c');
            PerChannelView channels = new PerChannelView(error.shape());
            channels.sum(channels.view(error), biasGradView.reshape(biasGradView.length()));
            if (error != delta) {
                error.close();
            }
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        INDArray unreadInputError = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        return new Pair<>(gradient, unreadInputError);
    }

    /**
     * What the transposed convolution here reproduces: NCHW floats, no dilation, explicit padding,
     * and an input the convolution covers exactly (no rows or columns it skipped).
     */
    private static boolean covered(INDArray input, INDArray weights, INDArray delta, int[] kernel, int[] strides,
            int[] pad, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format) {
        if (format != CNN2DFormat.NCHW || convolutionMode == ConvolutionMode.Same
                || input.dataType() != DataType.FLOAT || weights.dataType() != DataType.FLOAT
                || delta.dataType() != DataType.FLOAT || Arrays.stream(dilation).anyMatch(d -> d != 1)) {
            return false;
        }
        for (int axis = 0; axis < 2; axis++) {
            long transposed = (delta.size(2 + axis) - 1) * strides[axis] - 2L * pad[axis] + kernel[axis];
            if (transposed != input.size(2 + axis)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            AlgoMode algoMode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        return original.preOutput(input, weights, bias, kernel, strides, pad, algoMode, fwdAlgo, convolutionMode,
                dilation, format, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return original.activate(z, afn, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return original.helperMemoryUse();
    }

    @Override
    public boolean checkSupported() {
        return original.checkSupported();
    }
}
