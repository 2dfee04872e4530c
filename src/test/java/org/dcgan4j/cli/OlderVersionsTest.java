package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.dcgan4j.checkpoint.Checkpoint;
import org.dcgan4j.checkpoint.CheckpointStore;
import org.dcgan4j.model.LeakyReluActivation;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by dcgan4j 0.1.0 before conditional runs, quick evaluations and
 * checkpoint metrics existed (kept in test resources), still loads and generates.
 */
class OlderVersionsTest {

    private static final Path OLD = Path.of("src/test/resources/checkpoints/v0.1.0-iter-00000002");

    @Test
    void checkpointOfVersion010LoadsWithTheNewFieldsAtTheirDefaults() throws Exception {
        Checkpoint c = CheckpointStore.load(OLD);
        assertThat(c.state().iteration()).isEqualTo(2);
        assertThat(c.state().config().architecture().classes()).isZero();
        assertThat(c.state().config().architecture().latentSize()).isEqualTo(8);
        assertThat(c.state().config().evalEvery()).isZero();
        assertThat(c.state().metrics()).isNull();
        assertThat(c.models().generator().numParams()).isEqualTo(c.models().generatorEma().numParams());
    }

    @Test
    void itsDiscriminatorRunsOnDcgan4jsLeakyReluWithTheSameOutputsAndGradients() throws Exception {
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(OLD.resolve("discriminator.zip").toFile(), true);
        MultiLayerNetwork loaded = CheckpointStore.load(OLD).models().discriminator();
        assertThat(((BaseLayer) saved.getLayerWiseConfigurations().getConf(0).getLayer()).getActivationFn())
                .isInstanceOf(ActivationLReLU.class);
        assertThat(((BaseLayer) loaded.getLayerWiseConfigurations().getConf(0).getLayer()).getActivationFn())
                .isEqualTo(new LeakyReluActivation(0.2));

        Nd4j.getRandom().setSeed(7);
        INDArray images = Nd4j.rand(DataType.FLOAT, 6, 1, 28, 28).muli(2).subi(1);
        INDArray error = Nd4j.randn(DataType.FLOAT, 6, 1);
        for (MultiLayerNetwork net : new MultiLayerNetwork[] {saved, loaded}) {
            net.setInput(images);
            net.feedForward(true, false);
        }
        float[] savedOutput = saved.output(images, true).toFloatVector();
        assertThat(loaded.output(images, true).toFloatVector()).containsExactly(savedOutput);
        saved.setInput(images);
        saved.feedForward(true, false);
        float[] savedGradient = saved.backpropGradient(error, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient()
                .dup().toFloatVector();
        loaded.setInput(images);
        loaded.feedForward(true, false);
        assertThat(loaded.backpropGradient(error, LayerWorkspaceMgr.noWorkspaces()).getFirst().gradient()
                .dup().toFloatVector()).containsExactly(savedGradient);
    }

    @Test
    void generatesFromIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("old.png");
        CliRunner.Result r = CliRunner.run("generate", "--from", OLD.toString(), "--count", "4", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * 30 + 2);
        assertThat(Files.size(out)).isPositive();
    }
}
