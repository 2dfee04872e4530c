package org.dcgan4j.train;

import java.util.ArrayList;
import java.util.List;
import org.dcgan4j.fault.FaultPoint;
import org.dcgan4j.model.ClassConditioning;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One GAN iteration: D learns from a real and a fake batch, then G learns through D.
 *
 * <p>G is trained without copying parameters between networks: D's gradient with respect to its
 * input is back-propagated through G as an external error, then G's own Adam updater is
 * applied. D's parameters are not touched during G's step. Both networks run in training mode
 * (batch statistics in BatchNormalization), as in the reference DCGAN.
 *
 * <p>For a class-conditional GAN, the fakes are drawn for the labels of the real batch, D sees
 * every image with its label ({@link ClassConditioning}), and only the image part of D's input
 * gradient flows back into G.
 *
 * <p>The three phases are separate methods so that tests can check each; {@link #run} calls
 * them in order. {@link #generate} must come right before {@link #trainGenerator}, since G's
 * backward pass uses the activations of that forward pass.
 *
 * <p>Each phase frees the arrays it made as soon as they are dead (activations, input
 * gradients). ND4J otherwise frees off-heap memory only when the JVM happens to collect the
 * arrays' small Java objects: every step then maps and faults in tens of MB of fresh pages
 * (hundreds at batch 256), which made step times swing between 0.5x and 1.6x their best.
 */
public final class AdversarialStep {

    private final MultiLayerNetwork generator;
    private final MultiLayerNetwork discriminator;
    /** D's forward passes, keeping each convolution's pre-activation for the backward pass. */
    private final CachingForwardPass discriminatorPass;
    /** Puts D's convolutions in the modes where they compute only their input error (G's term) or only their gradients (D's). */
    private final PartialGradientConvolutionHelper.Switch discriminatorConvolutions;
    private final ClassConditioning conditioning;
    /** The adversarial objective ({@code --loss}). */
    private final GanLoss loss;
    /** Whether D's configuration holds layer constraints (spectral norm), applied after its update. */
    private final boolean discriminatorConstrained;
    private final LayerWorkspaceMgr workspaces = LayerWorkspaceMgr.noWorkspaces();
    /** G's activations from {@link #generate} but its output: needed by G's backward pass, then freed. */
    private final List<INDArray> generatorActivations = new ArrayList<>();

    /** For an unconditional GAN. */
    public AdversarialStep(GanModels models) {
        this(models, new ClassConditioning(org.dcgan4j.model.Architecture.DEFAULT));
    }

    /** With the reference loss, {@link GanLoss#BCE}. */
    public AdversarialStep(GanModels models, ClassConditioning conditioning) {
        this(models, conditioning, GanLoss.BCE);
    }

    public AdversarialStep(GanModels models, ClassConditioning conditioning, GanLoss loss) {
        this.loss = loss;
        this.discriminatorConstrained = hasConstraints(models.discriminator());
        this.generator = models.generator();
        this.discriminator = models.discriminator();
        this.discriminatorPass = new CachingForwardPass(discriminator, "dcgan4j-discriminator-cache");
        LinearDeconvolutionLayer.replaceIn(generator);
        CachedOutputDeconvolutionLayer.replaceIn(generator);
        LinearDenseLayer.replaceIn(generator);
        StepReluLayer.replaceIn(generator);
        LinearDenseLayer.replaceIn(discriminator);
        ComposedBatchNormHelper.installIn(generator);
        ComposedBatchNormHelper.installIn(discriminator);
        this.discriminatorConvolutions = PartialGradientConvolutionHelper.installIn(discriminator);
        this.conditioning = conditioning;
    }

    /**
     * Runs one full iteration; {@code iteration} counts from 0 (it drives Adam's bias correction).
     *
     * @param labels one-hot [N, classes] labels of the real batch (conditional GAN), else null
     */
    public StepResult run(INDArray realImages, INDArray labels, INDArray noise, int iteration, int epoch) {
        return run(realImages, labels, noise, iteration, epoch, DiscriminatorView.IDENTITY);
    }

    /**
     * As {@link #run(INDArray, INDArray, INDArray, int, int)}, with D seeing {@code view}'s view of
     * the fakes in both phases (instance noise, an augmentation) and G learning through it. The
     * caller transforms the real images itself.
     */
    public StepResult run(INDArray realImages, INDArray labels, INDArray noise, int iteration, int epoch,
                          DiscriminatorView view) {
        INDArray fakes = generate(noise, labels);
        INDArray seen = view.seen(fakes);
        DiscriminatorResult d = trainDiscriminator(realImages, seen, labels, iteration, epoch);
        FaultPoint.MID_ITERATION.reached(iteration + 1L);
        double lossG = trainGenerator(seen, labels, view, iteration, epoch);
        StepArrays.free(new ArrayList<>(List.of(fakes, seen)));
        return new StepResult(d.loss(), lossG, d.realProbability(), d.fakeProbability(), d.realSign());
    }

    /** As {@link #generate(INDArray, INDArray)} for an unconditional GAN. */
    public INDArray generate(INDArray noise) {
        return generate(noise, null);
    }

    /** G forward in training mode: [N, z] (+ labels) -> [N, 1, 28, 28], keeping activations for backprop. */
    public INDArray generate(INDArray noise, INDArray labels) {
        INDArray input = conditioning.generatorInput(noise, labels);
        generator.setInput(input);
        List<INDArray> activations = generator.feedForward(true, false);
        StepArrays.free(generatorActivations);
        if (input != noise) {
            generatorActivations.add(input);
        }
        // [1, last): element 0 is the input (the caller's or ours, small), the last the fakes the caller gets.
        generatorActivations.addAll(activations.subList(1, activations.size() - 1));
        return last(activations);
    }

    /** As {@link #trainDiscriminator(INDArray, INDArray, INDArray, int, int)} for an unconditional GAN. */
    public DiscriminatorResult trainDiscriminator(INDArray realImages, INDArray fakes, int iteration, int epoch) {
        return trainDiscriminator(realImages, fakes, null, iteration, epoch);
    }

    /**
     * One Adam step of D on BCE(real, REAL) + BCE(fake, FAKE) (or the hinge terms of {@code --loss
     * hinge}), then D's layer constraints if it has any; fakes carry the real batch's labels.
     */
    public DiscriminatorResult trainDiscriminator(INDArray realImages, INDArray fakes, INDArray labels,
                                                  int iteration, int epoch) {
        int batch = (int) realImages.size(0);
        List<INDArray> dead = new ArrayList<>();
        Judgement onReal = judge(realImages, labels, Term.REAL, dead);
        // DL4J writes every backward pass into the same gradient buffer: keep a copy of the first.
        INDArray realGradient = onReal.gradient().gradient().dup();
        dead.add(realGradient);
        Judgement onFake = judge(fakes, labels, Term.FAKE, dead);
        Gradient gradient = onFake.gradient();
        gradient.gradient().addi(realGradient);
        applyUpdate(discriminator, gradient, iteration, epoch, batch);
        if (discriminatorConstrained) {
            // What fit() does after each update; this loop does not call fit().
            discriminator.applyConstraints(iteration, epoch);
        }
        StepArrays.free(dead);
        return new DiscriminatorResult(onReal.loss().meanLoss() + onFake.loss().meanLoss(),
                onReal.loss().meanProbability(), onFake.loss().meanProbability(), onReal.loss().meanSign());
    }

    /** As {@link #trainGenerator(INDArray, INDArray, int, int)} for an unconditional GAN. */
    public double trainGenerator(INDArray fakes, int iteration, int epoch) {
        return trainGenerator(fakes, null, iteration, epoch);
    }

    /**
     * One Adam step of G on BCE(D(G(z)), REAL), the non-saturating loss (or -D(G(z)) with
     * {@code --loss hinge}); D is only read.
     *
     * @param fakes  the output of the {@link #generate} call just before
     * @param labels the labels given to that call
     * @return G's loss
     */
    public double trainGenerator(INDArray fakes, INDArray labels, int iteration, int epoch) {
        return trainGenerator(fakes, labels, DiscriminatorView.IDENTITY, iteration, epoch);
    }

    /**
     * As {@link #trainGenerator(INDArray, INDArray, int, int)}, where D judges {@code seen}, {@code
     * view}'s view of the fakes of the {@link #generate} call just before, and the error at D's
     * input flows back through {@code view} to those fakes.
     */
    public double trainGenerator(INDArray seen, INDArray labels, DiscriminatorView view, int iteration, int epoch) {
        int batch = (int) seen.size(0);
        List<INDArray> dead = new ArrayList<>();
        // dLoss/dFakes: [N, 1, 28, 28] (the label planes' part dropped below). D's parameter
        // gradient from this pass is discarded.
        Judgement judged = judge(seen, labels, Term.GENERATOR, dead);
        INDArray inputError = judged.inputError();
        INDArray imageError = conditioning.imageGradient(inputError);
        dead.add(imageError);
        INDArray fakesError = view.errorAtFakes(imageError);
        dead.add(fakesError);
        Pair<Gradient, INDArray> backward = generator.backpropGradient(fakesError, workspaces);
        dead.add(backward.getSecond());
        applyUpdate(generator, backward.getFirst(), iteration, epoch, batch);
        StepArrays.free(dead);
        StepArrays.free(generatorActivations);
        return judged.loss().meanLoss();
    }

    /**
     * D forward and backward on {@code images} for one term of the loss, in one scope of the
     * cache (the backward pass uses the forward pass's pre-activations). The arrays it makes go to
     * {@code dead}; the parameter gradient is DL4J's shared buffer, valid until the next pass.
     */
    private Judgement judge(INDArray images, INDArray labels, Term term, List<INDArray> dead) {
        try (CachingForwardPass.Scope pass = discriminatorPass.open()) {
            INDArray logits = forward(images, labels, dead);
            AdversarialLoss.Evaluation evaluation = switch (term) {
                case REAL -> loss.discriminatorOnReal(logits);
                case FAKE -> loss.discriminatorOnFake(logits);
                case GENERATOR -> loss.generator(logits);
            };
            dead.add(evaluation.logitGradient());
            Pair<Gradient, INDArray> backward = backward(evaluation.logitGradient(), term);
            dead.add(backward.getSecond());
            return new Judgement(evaluation, backward.getFirst(), backward.getSecond());
        }
    }

    /**
     * D's backward pass. For G's term only the error at D's input, since D's gradient is thrown
     * away; for D's terms only the gradients, since nothing reads the error at D's input (the
     * input error returned is then zeros).
     */
    private Pair<Gradient, INDArray> backward(INDArray logitGradient, Term term) {
        try (PartialGradientConvolutionHelper.Scope part = term == Term.GENERATOR
                ? discriminatorConvolutions.inputErrorOnly() : discriminatorConvolutions.parametersOnly()) {
            return discriminator.backpropGradient(logitGradient, workspaces);
        }
    }

    /** The three terms of an iteration's loss: D on real images, D on fakes, G through D. */
    private enum Term { REAL, FAKE, GENERATOR }

    private static boolean hasConstraints(MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            java.util.List<?> constraints = layer.conf().getLayer().getConstraints();
            if (constraints != null && !constraints.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** One of D's forward-backward passes: its loss, parameter gradient and input gradient. */
    private record Judgement(AdversarialLoss.Evaluation loss, Gradient gradient, INDArray inputError) {
    }

    /**
     * D forward in training mode on {@code images} (with their label planes when conditional),
     * inside an open scope of {@link #discriminatorPass};
     * the arrays it makes (activations, a conditioned input, not the caller's images) go to
     * {@code dead} to be freed after backprop.
     */
    private INDArray forward(INDArray images, INDArray labels, List<INDArray> dead) {
        INDArray input = conditioning.discriminatorInput(images, labels);
        if (input != images) {
            dead.add(input);
        }
        List<INDArray> activations = discriminatorPass.feedForward(input);
        dead.addAll(activations.subList(1, activations.size()));
        return last(activations);
    }

    private void applyUpdate(MultiLayerNetwork net, Gradient gradient, int iteration, int epoch, int batch) {
        // The updater turns the summed gradient into an Adam step in place (dividing by the batch
        // size, except for BatchNormalization's running statistics, which are deltas).
        net.getUpdater().update(net, gradient, iteration, epoch, batch, workspaces);
        net.params().subi(gradient.gradient());
    }

    private static INDArray last(List<INDArray> activations) {
        return activations.get(activations.size() - 1);
    }

    /**
     * D's part of an iteration: its loss, mean D(x) on the real and the fake batch, and the mean
     * sign of its logits on the real batch (in [-1, 1]).
     */
    public record DiscriminatorResult(double loss, double realProbability, double fakeProbability, double realSign) {
    }

    /**
     * @param lossD           BCE(real, REAL) + BCE(fake, FAKE), batch means
     * @param lossG           BCE(D(G(z)), REAL) after D's update
     * @param realProbability mean D(x) on the real batch, before D's update
     * @param fakeProbability mean D(G(z)) on the fake batch, before D's update
     * @param realSign        mean sign of D's logits on the real batch, before D's update (NaN
     *                        when not measured): StyleGAN2-ADA's over-fitting heuristic r_t
     */
    public record StepResult(double lossD, double lossG, double realProbability, double fakeProbability,
                             double realSign) {

        /** A step whose sign on the real batch was not measured. */
        public StepResult(double lossD, double lossG, double realProbability, double fakeProbability) {
            this(lossD, lossG, realProbability, fakeProbability, Double.NaN);
        }
    }
}
