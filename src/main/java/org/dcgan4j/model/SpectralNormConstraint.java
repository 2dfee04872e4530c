package org.dcgan4j.model;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Spectral normalisation (Miyato et al., 2018) as a DL4J layer constraint: after each update,
 * one power iteration estimates the largest singular value σ of the layer's weights (a
 * convolution's [out, in, kh, kw] read as an [out, in*kh*kw] matrix), and the weights are divided
 * by max(1, σ), so the layer is at most 1-Lipschitz.
 *
 * <p>The power iteration's vector {@code u} persists between steps (one iteration per step is
 * enough because the weights move little), on the side of the matrix with fewer entries. It is a
 * field of this constraint, which DL4J keeps in the layer's configuration, so it is saved with the
 * model's JSON in every checkpoint (floats print and parse exactly) and a resumed run continues
 * with the same vector. The first application starts it from fixed random numbers and runs
 * {@value #WARMUP_ITERATIONS} iterations, so that the first estimate is already close.
 *
 * <p>DL4J applies constraints inside {@code fit()}; a loop that updates the network itself must
 * call {@code MultiLayerNetwork.applyConstraints} after each update.
 */
public final class SpectralNormConstraint implements LayerConstraint {

    /** Power iterations when the vector is first made: a close first estimate of σ. */
    static final int WARMUP_ITERATIONS = 20;
    /** Seed of the vector's first value (any fixed number: the run is repeatable). */
    private static final long START_SEED = 0x5EED5EEDL;

    @JsonProperty("params")
    private Set<String> params = new HashSet<>();
    /** The power iteration's vector, or null before the first application; saved with the model. */
    @JsonProperty("u")
    private float[] u;
    /** The last estimate of σ, before the division (for logs and tests). */
    private double sigma;

    /** Applies to the weights of the layer it is given to ({@code constrainWeights}). */
    public SpectralNormConstraint() {
    }

    @Override
    public void applyConstraint(Layer layer, int iteration, int epoch) {
        for (String name : params) {
            INDArray weights = layer.getParam(name);
            if (weights != null) {
                normalise(weights);
            }
        }
    }

    /** Divides {@code weights} (in place) by max(1, σ) after one power iteration. */
    void normalise(INDArray weights) {
        INDArray matrix = weights.reshape('c', weights.size(0), weights.length() / weights.size(0));
        if (matrix.rows() > matrix.columns()) {
            matrix = matrix.transpose();
        }
        int iterations = 1;
        if (u == null) {
            u = startVector(matrix.rows());
            iterations = WARMUP_ITERATIONS;
        }
        INDArray uVec = Nd4j.createFromArray(u).castTo(weights.dataType()).reshape(matrix.rows(), 1);
        double estimate = 0;
        for (int i = 0; i < iterations; i++) {
            INDArray v = unit(matrix.transpose().mmul(uVec));
            INDArray wv = matrix.mmul(v);
            // u = Wv / |Wv|, so the estimate u^T W v is |Wv|.
            estimate = wv.norm2Number().doubleValue();
            uVec = wv.divi(Math.max(estimate, 1e-12));
        }
        sigma = estimate;
        u = uVec.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
        if (sigma > 1) {
            weights.divi(sigma);
        }
    }

    /** The last estimate of the largest singular value, before the division. */
    public double lastSigma() {
        return sigma;
    }

    private static INDArray unit(INDArray x) {
        double norm = x.norm2Number().doubleValue();
        return x.divi(Math.max(norm, 1e-12));
    }

    private static float[] startVector(int length) {
        Random random = new Random(START_SEED + length);
        float[] start = new float[length];
        for (int i = 0; i < length; i++) {
            start[i] = (float) random.nextGaussian();
        }
        return start;
    }

    @Override
    public void setParams(Set<String> params) {
        this.params = new HashSet<>(params);
    }

    @Override
    public Set<String> getParams() {
        return params;
    }

    @Override
    public SpectralNormConstraint clone() {
        SpectralNormConstraint copy = new SpectralNormConstraint();
        copy.params = new HashSet<>(params);
        copy.u = u == null ? null : u.clone();
        copy.sigma = sigma;
        return copy;
    }
}
