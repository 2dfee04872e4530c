package org.dcgan4j.model;

import java.util.Collection;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The minibatch standard-deviation feature of ProGAN and StyleGAN2 (Karras et al. 2018), as a
 * layer of D's configuration: D gets one more input plane that holds how much the images of a
 * group differ, so a generator that draws the same digit again and again shows it in every image
 * and D can punish it. The computation is {@link MinibatchStandardDeviationFeature}.
 *
 * <p>Hand-written rather than a {@code SameDiffLambdaLayer}: in DL4J 1.0.0-M2.1 the error such a
 * layer passes back is twice the gradient of its output (even for {@code x * 3}).
 */
public final class MinibatchStandardDeviationLayer extends NoParamLayer {

    private int groupSize;

    /** For DL4J's JSON configuration reader. */
    public MinibatchStandardDeviationLayer() {
    }

    /** A layer that compares {@code groupSize} images at a time (at least 2). */
    public MinibatchStandardDeviationLayer(int groupSize) {
        if (groupSize < 2) {
            throw new IllegalArgumentException("the minibatch standard deviation needs groups of at least 2 images, got "
                    + groupSize);
        }
        this.groupSize = groupSize;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
                                                       Collection<TrainingListener> trainingListeners, int layerIndex,
                                                       INDArray layerParamsView, boolean initializeParams,
                                                       DataType networkDataType) {
        MinibatchStandardDeviationFeature layer = new MinibatchStandardDeviationFeature(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional conv)) {
            throw new IllegalArgumentException("the minibatch standard deviation needs image-shaped input, got " + inputType);
        }
        return InputType.convolutional(conv.getHeight(), conv.getWidth(), conv.getChannels() + 1, conv.getFormat());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType output = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, MinibatchStandardDeviationLayer.class, inputType, output)
                .standardMemory(0, 0)
                .workingMemory(0, 2 * inputType.arrayElementsPerExample(), 0, 2 * inputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** Images compared at a time. */
    public int getGroupSize() {
        return groupSize;
    }

    public void setGroupSize(int groupSize) {
        this.groupSize = groupSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinibatchStandardDeviationLayer other && super.equals(o) && groupSize == other.groupSize;
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + groupSize;
    }
}
