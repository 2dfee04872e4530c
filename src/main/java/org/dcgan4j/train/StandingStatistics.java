package org.dcgan4j.train;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * "Standing statistics" of a generator's BatchNormalization layers: the running mean and
 * variance set to the batch statistics of one large batch of noise, layer by layer.
 *
 * <p>Why: DL4J keeps BatchNormalization's running statistics as parameters, so the moving
 * average of G ({@link GeneratorEma}) also averages them, and the averaged mean and variance
 * belong to none of the averaged weights that produce the activations they normalise. Before the
 * average draws images, its statistics are measured on its own activations instead.
 *
 * <p>Each layer's statistics are those of its input when every earlier layer already normalises
 * with its new statistics (inference mode): the same numbers a training-mode pass over the whole
 * batch gives, since training mode normalises with exactly the batch statistics set here. DL4J's
 * training mode uses the biased variance and, for 4-d input, pools over batch, height and width;
 * so does this. With the default {@code useLogStd}, DL4J stores log10 of the standard deviation,
 * not the variance; both layouts are written. (DL4J itself moves the running statistics in the
 * backward pass as {@code decay * running + (1 - decay) * batch}; setting them directly is the
 * limit of that rule over many identical batches.)
 *
 * <p>An instance holds the noise and whether the average moved since its last refresh, so that
 * a grid and a checkpoint at the same iteration measure once. The noise is fixed for a run, and
 * the statistics depend only on the average's other parameters, so a resumed run's images are
 * bit-identical to an uninterrupted one's.
 */
public final class StandingStatistics {

    /** Noise vectors behind the statistics: 512 give each of G's 6,272 dense features 512 samples. */
    public static final int IMAGES = 512;

    private final INDArray input;
    private boolean current;

    /** @param input G's input for the measurement ([N, latent (+ classes)]), fixed for the run */
    public StandingStatistics(INDArray input) {
        this.input = input;
    }

    /**
     * The standing statistics of a run with {@code --standing-stats}, null without: measured on
     * {@value #IMAGES} noise vectors of the run's seed ({@link LatentNoise#STANDING_STATISTICS}),
     * every class in turn for a conditional run.
     */
    public static StandingStatistics forRun(TrainingConfig config) {
        return config.recipe().standingStatistics() ? of(config.architecture(), config.seed()) : null;
    }

    /** Standing statistics for a generator of {@code architecture}, from the noise of {@code seed}. */
    public static StandingStatistics of(Architecture architecture, long seed) {
        ClassConditioning conditioning = new ClassConditioning(architecture);
        INDArray noise = LatentNoise.sample(seed, LatentNoise.STANDING_STATISTICS, 0, IMAGES, architecture.latentSize());
        return new StandingStatistics(conditioning.generatorInput(noise, conditioning.everyClassInTurn(IMAGES)));
    }

    /** The average changed (an iteration folded G into it): the next {@link #refresh} measures again. */
    public void averageMoved() {
        current = false;
    }

    /** Sets {@code generator}'s statistics from its activations, unless they are already current. */
    public void refresh(MultiLayerNetwork generator) {
        if (!current) {
            measure(generator, input.castTo(generator.params().dataType()));
            current = true;
        }
    }

    /**
     * Sets the running mean and variance of every BatchNormalization layer of {@code generator} to
     * the batch statistics of its input for {@code input}, first layer first.
     *
     * @return per BatchNormalization layer, in order: {mean, biased variance} as measured
     */
    public static List<INDArray[]> measure(MultiLayerNetwork generator, INDArray input) {
        List<INDArray[]> measured = new ArrayList<>();
        for (int i = 0; i < generator.getnLayers(); i++) {
            if (!(generator.getLayer(i) instanceof BatchNormalization bn)) {
                continue;
            }
            INDArray in = layerInput(generator, i, input);
            int[] dims = in.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
            INDArray mean = in.mean(dims);
            INDArray variance = in.var(false, dims);
            INDArray runningMean = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            runningMean.assign(mean.reshape(runningMean.shape()));
            INDArray logStd = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            if (logStd != null) {
                // log10(std) = log10(variance) / 2
                logStd.assign(Transforms.log(variance, 10, true).muli(0.5).reshape(logStd.shape()));
            } else {
                INDArray runningVariance = bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
                runningVariance.assign(variance.reshape(runningVariance.shape()));
            }
            measured.add(new INDArray[] {mean, variance});
            in.close();
        }
        return measured;
    }

    /** A copy of the input of layer {@code layer} in inference mode (after its preprocessor, if any). */
    private static INDArray layerInput(MultiLayerNetwork net, int layer, INDArray input) {
        if (layer == 0) {
            return input.dup();
        }
        List<INDArray> activations = net.feedForwardToLayer(layer - 1, input, false);
        INDArray out = activations.get(layer);
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(layer);
        INDArray copy = (pre == null ? out : pre.preProcess(out, (int) out.size(0), LayerWorkspaceMgr.noWorkspaces()))
                .dup();
        // Element 0 is the caller's input; the rest are this pass's own activations.
        StepArrays.free(new ArrayList<>(activations.subList(1, activations.size())));
        return copy;
    }
}
