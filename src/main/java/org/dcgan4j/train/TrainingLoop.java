package org.dcgan4j.train;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.fault.FaultPoint;
import org.dcgan4j.model.Architecture;
import org.dcgan4j.model.ClassConditioning;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The alternating loop: draws a real batch and a noise batch per iteration, runs
 * {@link AdversarialStep}, and tells the listeners in the order of their stages
 * ({@link ListenerStage}).
 *
 * <p>The batch iterator must be endless (it rolls over into the next epoch by itself) and be
 * positioned at {@code start} by the caller; the loop keeps count of epochs from the fixed
 * number of batches per epoch. (Resetting DL4J's AsyncDataSetIterator at an epoch's end
 * restarts its prefetch thread; an endless source avoids that stall.) Noise depends only on
 * (seed, iteration), so a run resumed from a checkpoint sees the same data and noise as an
 * uninterrupted one.
 */
public final class TrainingLoop {

    private final GanModels models;
    private final DataSetIterator batches;
    private final int batchesPerEpoch;
    private final long seed;
    private final int latentSize;
    private final ClassConditioning conditioning;
    private final TrainingRecipe recipe;
    private final List<TrainingListener> listeners;
    private volatile boolean stopRequested;
    private long deadlineNanos = Long.MAX_VALUE;

    /** With every lever of {@link TrainingRecipe} off. */
    public TrainingLoop(GanModels models, DataSetIterator batches, int batchesPerEpoch, long seed,
                        Architecture architecture, StagedListeners listeners) {
        this(models, batches, batchesPerEpoch, seed, architecture, TrainingRecipe.DEFAULT, listeners);
    }

    /** @param recipe the loss and the moving average's schedule (the networks carry the other levers) */
    public TrainingLoop(GanModels models, DataSetIterator batches, int batchesPerEpoch, long seed,
                        Architecture architecture, TrainingRecipe recipe, StagedListeners listeners) {
        this.recipe = recipe;
        this.models = models;
        this.batches = batches;
        this.batchesPerEpoch = batchesPerEpoch;
        this.seed = seed;
        this.latentSize = architecture.latentSize();
        this.conditioning = new ClassConditioning(architecture);
        this.listeners = listeners.inOrder();
    }

    /** Asks the loop to end after the iteration under way; listeners then see completed=false. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Ends the loop (as {@link #requestStop} does) once {@code budget} of wall time has passed. */
    public void stopAfter(java.time.Duration budget) {
        deadlineNanos = System.nanoTime() + budget.toNanos();
    }

    /**
     * Trains from {@code start} until {@code totalIterations} are done or a stop is requested.
     * When an exception ends the loop, every listener hears of it ({@link TrainingListener#onFailure})
     * before it is thrown on.
     */
    public TrainingProgress run(TrainingProgress start, long totalIterations) {
        try {
            return train(start, totalIterations);
        } catch (RuntimeException e) {
            for (TrainingListener listener : listeners) {
                try {
                    listener.onFailure(e.getMessage());
                } catch (RuntimeException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        }
    }

    private TrainingProgress train(TrainingProgress start, long totalIterations) {
        AdversarialStep step = new AdversarialStep(models, conditioning, recipe.loss());
        InstanceNoise instanceNoise = recipe.instanceNoise() > 0
                ? new InstanceNoise(seed, recipe.instanceNoise(), recipe.instanceNoiseUntil()) : null;
        DifferentiableAugmentation augmentation = recipe.differentiableAugmentation(seed);
        AdaptiveAugmentation adaptive = recipe.adaptiveAugmentation();
        TrainingProgress progress = start;
        listeners.forEach(l -> l.onStart(models, start));
        while (progress.iteration() < totalIterations && !stopRequested && System.nanoTime() < deadlineNanos) {
            long began = System.nanoTime();
            long epoch = progress.epoch();
            int batchInEpoch = progress.batchInEpoch();
            if (batchInEpoch >= batchesPerEpoch) {
                epoch++;
                batchInEpoch = 0;
            }
            // hasNext() is part of the contract: AsyncDataSetIterator fetches the batch in it.
            if (!batches.hasNext()) {
                throw new IllegalStateException("the batch iterator ended; it must be endless");
            }
            DataSet batch = batches.next();
            INDArray real = batch.getFeatures().castTo(models.discriminator().params().dataType());
            int n = (int) real.size(0);
            INDArray drawn = LatentNoise.sample(seed, LatentNoise.TRAINING, progress.iteration(), n, latentSize);
            INDArray noise = drawn.castTo(models.generator().params().dataType());
            INDArray labels = conditioning.conditional() ? batch.getLabels() : null;
            INDArray realNoise = null;
            INDArray fakeNoise = null;
            if (instanceNoise != null) {
                realNoise = instanceNoise.sample(LatentNoise.INSTANCE_NOISE_REAL, progress.iteration(), n);
                fakeNoise = instanceNoise.sample(LatentNoise.INSTANCE_NOISE_FAKE, progress.iteration(), n);
            }
            // D sees the augmented image, then the noise: the same for real and fake images.
            DiscriminatorView realView = DiscriminatorView.IDENTITY;
            DiscriminatorView fakeView = DiscriminatorView.IDENTITY;
            double probability = adaptive != null ? progress.augmentationProbability() : 1;
            if (augmentation != null) {
                realView = augmentation.draw(LatentNoise.AUGMENTATION_REAL, progress.iteration(), n,
                        (int) real.size(2), (int) real.size(3), probability);
                fakeView = augmentation.draw(LatentNoise.AUGMENTATION_FAKE, progress.iteration(), n,
                        (int) real.size(2), (int) real.size(3), probability);
            }
            if (realNoise != null) {
                realView = realView.then(DiscriminatorView.adding(realNoise));
                fakeView = fakeView.then(DiscriminatorView.adding(fakeNoise));
            }
            INDArray seenReal = realView.seen(real);
            AdversarialStep.StepResult result = step.run(seenReal, labels, noise,
                    Math.toIntExact(progress.iteration()), Math.toIntExact(epoch), fakeView);
            if (FaultPoint.NON_FINITE_LOSS.firesOnce(progress.iteration() + 1)) {
                result = new AdversarialStep.StepResult(Double.NaN, result.lossG(), result.realProbability(),
                        result.fakeProbability(), result.realSign());
            }
            // This iteration's own arrays; the batch itself lives in the prefetcher's workspace, which
            // reuses it (attached arrays are skipped), and a cast that changed nothing is the same array.
            StepArrays.free(new ArrayList<>(List.of(drawn, noise, real)));
            if (seenReal != real) {
                StepArrays.free(new ArrayList<>(List.of(seenReal)));
            }
            if (realNoise != null) {
                StepArrays.free(new ArrayList<>(List.of(realNoise)));
            }
            if (fakeNoise != null) {
                StepArrays.free(new ArrayList<>(List.of(fakeNoise)));
            }
            boolean paramsFinite = ParameterCheck.allFinite(models.generator())
                    && ParameterCheck.allFinite(models.discriminator());
            if (!Double.isFinite(result.lossD()) || !Double.isFinite(result.lossG()) || !paramsFinite) {
                throw new TrainingDivergedException(progress.iteration() + 1, String.format(
                        "training diverged at iteration %d: loss D = %s, loss G = %s, parameters %s",
                        progress.iteration() + 1, result.lossD(), result.lossG(),
                        paramsFinite ? "finite" : "NaN or infinite"));
            }
            progress = new TrainingProgress(progress.iteration() + 1, epoch, batchInEpoch + 1,
                    adaptive == null ? 0 : adaptive.next(probability, result.realSign(), n));
            models.foldIntoAverage(recipe.emaDecay(progress.iteration(), n));
            double seconds = (System.nanoTime() - began) / 1e9;
            IterationReport report = new IterationReport(progress, result, n / seconds, totalIterations);
            for (TrainingListener listener : listeners) {
                listener.onIteration(models, report);
            }
        }
        boolean completed = progress.iteration() >= totalIterations;
        TrainingProgress end = progress;
        listeners.forEach(l -> l.onFinish(models, end, completed));
        return progress;
    }
}
