package org.dcgan4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.dcgan4j.train.LatentNoise;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LatentWalkTest {

    private final INDArray a = LatentNoise.sample(1, LatentNoise.GENERATE, 0, 1, 100);
    private final INDArray b = LatentNoise.sample(2, LatentNoise.GENERATE, 0, 1, 100);

    @Test
    void endsAreExactlyTheTwoVectors() {
        INDArray path = LatentWalk.interpolate(a, b, 7);
        assertThat(path.shape()).containsExactly(7, 100);
        assertThat(path.getRow(0, true)).isEqualTo(a);
        assertThat(path.getRow(6, true)).isEqualTo(b);
    }

    @Test
    void followsTheGreatCircleNotTheChord() {
        // Two orthogonal unit vectors: slerp's midpoint is (x + y) / sqrt(2), of norm 1; the
        // straight line's midpoint would have norm 1 / sqrt(2).
        INDArray x = Nd4j.create(new float[] {1, 0, 0}, 1, 3);
        INDArray y = Nd4j.create(new float[] {0, 1, 0}, 1, 3);
        INDArray path = LatentWalk.interpolate(x, y, 3);
        assertThat(path.getDouble(1, 0)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(path.getDouble(1, 1)).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(path.getRow(1).norm2Number().doubleValue()).isCloseTo(1.0, within(1e-6));
        // Equal angles between successive steps.
        INDArray quarters = LatentWalk.interpolate(x, y, 5);
        assertThat(quarters.getDouble(1, 0)).isCloseTo(Math.cos(Math.PI / 8), within(1e-6));
    }

    @Test
    void parallelVectorsFallBackToTheStraightLine() {
        INDArray x = Nd4j.create(new float[] {1, 2, 3}, 1, 3);
        INDArray path = LatentWalk.interpolate(x, x.mul(3), 3);
        assertThat(path.getRow(1, true).toFloatVector()).containsExactly(new float[] {2, 4, 6}, within(1e-5f));
    }

    @Test
    void arithmeticIsMeanAMinusMeanBPlusMeanC() {
        INDArray setA = Nd4j.create(new float[][] {{1, 1}, {3, 3}});
        INDArray setB = Nd4j.create(new float[][] {{1, 0}});
        INDArray setC = Nd4j.create(new float[][] {{0, 2}, {0, 4}, {0, 6}});
        assertThat(LatentWalk.arithmetic(setA, setB, setC).toFloatVector()).containsExactly(1, 6);
    }
}
