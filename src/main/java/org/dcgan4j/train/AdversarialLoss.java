package org.dcgan4j.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The label convention and the loss of the GAN, in one place.
 *
 * <p>The discriminator outputs a logit l; D(x) = sigmoid(l) is its belief that x is real.
 * Targets: {@link #REAL} = 1 for training images, {@link #FAKE} = 0 for generated ones. D
 * minimises BCE(real, 1) + BCE(fake, 0); G minimises BCE(D(G(z)), 1), the non-saturating loss
 * of Goodfellow et al. (it gives G strong gradients early, when D rejects its samples easily).
 * (The DL4J GAN example swaps these labels relative to its own documentation.)
 *
 * <p>{@link #hinge} and {@link #negatedLogit} are the hinge objective's terms ({@link GanLoss#HINGE});
 * their mean probability is still the mean sigmoid of the logits, so D(x) and D(G(z)) read the same.
 */
public final class AdversarialLoss {

    /** Target for images from the data set. */
    public static final float REAL = 1f;
    /** Target for images from the generator (D's view; G asks for {@link #REAL}). */
    public static final float FAKE = 0f;

    private AdversarialLoss() {
    }

    /**
     * Binary cross-entropy of logits against one target for the whole batch.
     *
     * @param logits [N, 1] discriminator outputs
     * @param target {@link #REAL} or {@link #FAKE}
     */
    public static Evaluation binaryCrossEntropy(INDArray logits, float target) {
        float[] l = logits.toFloatVector();
        float[] grad = new float[l.length];
        double lossSum = 0;
        double probabilitySum = 0;
        for (int i = 0; i < l.length; i++) {
            double x = l[i];
            // softplus(x) - t*x, written so that exp never overflows
            lossSum += Math.max(x, 0) - target * x + Math.log1p(Math.exp(-Math.abs(x)));
            double p = sigmoid(x);
            probabilitySum += p;
            grad[i] = (float) (p - target);
        }
        INDArray gradient = Nd4j.create(grad, new long[] {l.length, 1});
        return new Evaluation(lossSum / l.length, probabilitySum / l.length, gradient, meanSign(l));
    }

    /**
     * D's hinge loss of logits against one target for the whole batch: relu(1 - l) for
     * {@link #REAL}, relu(1 + l) for {@link #FAKE}.
     */
    public static Evaluation hinge(INDArray logits, float target) {
        float[] l = logits.toFloatVector();
        float[] grad = new float[l.length];
        double sign = target == REAL ? 1 : -1;
        double lossSum = 0;
        double probabilitySum = 0;
        for (int i = 0; i < l.length; i++) {
            double margin = 1 - sign * l[i];
            if (margin > 0) {
                lossSum += margin;
                grad[i] = (float) -sign;
            }
            probabilitySum += sigmoid(l[i]);
        }
        return new Evaluation(lossSum / l.length, probabilitySum / l.length,
                Nd4j.create(grad, new long[] {l.length, 1}), meanSign(l));
    }

    /** G's loss under the hinge objective: -l, the mean of D's negated logits on its images. */
    public static Evaluation negatedLogit(INDArray logits) {
        float[] l = logits.toFloatVector();
        float[] grad = new float[l.length];
        double lossSum = 0;
        double probabilitySum = 0;
        for (int i = 0; i < l.length; i++) {
            lossSum -= l[i];
            probabilitySum += sigmoid(l[i]);
            grad[i] = -1f;
        }
        return new Evaluation(lossSum / l.length, probabilitySum / l.length,
                Nd4j.create(grad, new long[] {l.length, 1}), meanSign(l));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** The mean sign of the logits, in [-1, 1]: StyleGAN2-ADA's over-fitting heuristic r_t on real images. */
    private static double meanSign(float[] logits) {
        double sum = 0;
        for (float l : logits) {
            sum += Math.signum(l);
        }
        return sum / logits.length;
    }

    /**
     * @param meanLoss        mean loss over the batch
     * @param meanProbability mean sigmoid(logit): the batch's mean D(x)
     * @param logitGradient   [N, 1] d(sum of per-example losses)/d(logit): a batch sum, not a
     *                        mean, because DL4J's updater divides by the batch size itself
     * @param meanSign        mean sign of the logits, in [-1, 1]
     */
    public record Evaluation(double meanLoss, double meanProbability, INDArray logitGradient, double meanSign) {
    }
}
