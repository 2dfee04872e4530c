package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MinibatchStandardDeviationLayerTest {

    private static final int N = 8;
    private static final int C = 3;
    private static final int H = 2;
    private static final int W = 2;
    private static final int GROUP = 4;

    /** The layer alone, in double precision, on [N, C, H, W] input. */
    private static MultiLayerNetwork layerAlone() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).list()
                .layer(new MinibatchStandardDeviationLayer(GROUP))
                .setInputType(InputType.convolutional(H, W, C))
                .build());
        net.init();
        return net;
    }

    private static double[][][][] randomInput(long seed) {
        Random random = new Random(seed);
        double[][][][] x = new double[N][C][H][W];
        for (double[][][] image : x) {
            for (double[][] plane : image) {
                for (double[] row : plane) {
                    for (int w = 0; w < W; w++) {
                        row[w] = random.nextGaussian();
                    }
                }
            }
        }
        return x;
    }

    /** The feature by its definition: image n is in group n mod (N / GROUP); population std per feature, averaged. */
    private static double expectedFeature(double[][][][] x, int image) {
        int groups = N / GROUP;
        int group = image % groups;
        double sum = 0;
        for (int c = 0; c < C; c++) {
            for (int h = 0; h < H; h++) {
                for (int w = 0; w < W; w++) {
                    double mean = 0;
                    for (int k = 0; k < GROUP; k++) {
                        mean += x[group + k * groups][c][h][w] / GROUP;
                    }
                    double variance = 0;
                    for (int k = 0; k < GROUP; k++) {
                        double d = x[group + k * groups][c][h][w] - mean;
                        variance += d * d / GROUP;
                    }
                    sum += Math.sqrt(variance + 1e-8);
                }
            }
        }
        return sum / (C * H * W);
    }

    @Test
    void appendsEachGroupsMeanStandardDeviationAsOnePlane() {
        double[][][][] x = randomInput(1);
        INDArray out = layerAlone().output(Nd4j.create(x), false);
        assertThat(out.shape()).containsExactly(N, C + 1, H, W);
        assertThat(out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, C))).isEqualTo(Nd4j.create(x));
        for (int n = 0; n < N; n++) {
            double expected = expectedFeature(x, n);
            for (int h = 0; h < H; h++) {
                for (int w = 0; w < W; w++) {
                    assertThat(out.getDouble(n, C, h, w)).as("image %d at (%d, %d)", n, h, w)
                            .isCloseTo(expected, within(1e-9));
                }
            }
        }
        assertThat(expectedFeature(x, 0)).as("the two groups differ").isNotCloseTo(expectedFeature(x, 1), within(1e-3));
    }

    /** The error it passes back is the gradient of the output, checked against central differences. */
    @Test
    void passesBackTheGradientOfItsOutput() {
        MultiLayerNetwork net = layerAlone();
        double[][][][] x = randomInput(2);
        INDArray input = Nd4j.create(x);
        INDArray weights = Nd4j.rand(DataType.DOUBLE, N, C + 1, H, W).subi(0.5);
        net.setInput(input);
        net.feedForward(true, false);
        INDArray analytic = net.backpropGradient(weights.dup(), LayerWorkspaceMgr.noWorkspaces()).getSecond().dup();
        double step = 1e-6;
        for (int[] at : new int[][] {{0, 0, 0, 0}, {2, 1, 1, 0}, {5, 2, 0, 1}, {7, 1, 1, 1}}) {
            double saved = input.getDouble(at[0], at[1], at[2], at[3]);
            input.putScalar(new long[] {at[0], at[1], at[2], at[3]}, saved + step);
            double up = net.output(input, true).mul(weights).sumNumber().doubleValue();
            input.putScalar(new long[] {at[0], at[1], at[2], at[3]}, saved - step);
            double down = net.output(input, true).mul(weights).sumNumber().doubleValue();
            input.putScalar(new long[] {at[0], at[1], at[2], at[3]}, saved);
            assertThat(analytic.getDouble(at[0], at[1], at[2], at[3]))
                    .as("d out / d x at %s", java.util.Arrays.toString(at))
                    .isCloseTo((up - down) / (2 * step), within(1e-6));
        }
    }

    @Test
    void discriminatorWithItReadsOneMorePlaneAndSurvivesSaveAndLoad() throws Exception {
        Architecture arch = Architecture.DEFAULT.withClasses(10);
        MultiLayerNetwork plain = DiscriminatorFactory.create(arch, AdamSettings.DCGAN, 1, DataType.FLOAT, false, 0);
        MultiLayerNetwork d = DiscriminatorFactory.create(arch, AdamSettings.DCGAN, 1, DataType.FLOAT, false, GROUP);
        int wide = 2 * arch.discriminatorWidth();
        assertThat(d.numParams() - plain.numParams()).as("the last layer's extra weights").isEqualTo(7 * 7);
        assertThat(d.getLayerWiseConfigurations().getConf(d.getnLayers() - 1).getLayer())
                .extracting(l -> ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) l).getNIn())
                .isEqualTo((long) (wide + 1) * 7 * 7);
        INDArray images = Nd4j.rand(DataType.FLOAT, 16, arch.discriminatorChannels(), 28, 28);
        INDArray logits = d.output(images, false);
        assertThat(logits.shape()).containsExactly(16, 1);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(d, bytes, true);
        MultiLayerNetwork loaded = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(loaded.output(images, false)).isEqualTo(logits);

        MultiLayerNetwork spectral = DiscriminatorFactory.create(arch, AdamSettings.DCGAN, 1, DataType.FLOAT, true, GROUP);
        assertThat(spectral.output(images, false).shape()).containsExactly(16, 1);
    }
}
