package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class LinearDecayScheduleTest {

    @Test
    void fallsLinearlyToATenthAtItsEndAndStaysThere() {
        LinearDecaySchedule s = new LinearDecaySchedule(1e-3, 100);

        assertThat(s.valueAt(0, 0)).isEqualTo(1e-3);
        assertThat(s.valueAt(50, 3)).isCloseTo(0.55e-3, within(1e-15));
        assertThat(s.valueAt(100, 0)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.valueAt(5000, 0)).isCloseTo(1e-4, within(1e-15));
        assertThat(s.valueAt(99, 0)).isGreaterThan(s.valueAt(100, 0));
        assertThatThrownBy(() -> new LinearDecaySchedule(1e-3, 0)).hasMessageContaining("at least iteration 1");
    }

    /** The schedule travels in the network's configuration, as a checkpoint saves and loads it. */
    @Test
    void aNetworkWithTheDecayKeepsItThroughItsJson() {
        AdamSettings adam = new AdamSettings(2e-3, 0.5, 0.999, 40);
        MultiLayerNetwork g = GeneratorFactory.create(new Architecture(8, 4, 4), adam, 1);

        MultiLayerNetwork read = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
                g.getLayerWiseConfigurations().toJson()));
        read.init();

        assertThat(AdamSettings.rateAt(read, 0)).isEqualTo(2e-3);
        assertThat(AdamSettings.rateAt(read, 20)).isCloseTo(2e-3 * 0.55, within(1e-15));
        assertThat(AdamSettings.rateAt(read, 40)).isCloseTo(2e-4, within(1e-15));
        assertThat(AdamSettings.rateAt(GeneratorFactory.create(new Architecture(8, 4, 4),
                new AdamSettings(2e-3, 0.5, 0.999), 1), 40)).as("constant without a decay").isEqualTo(2e-3);
    }
}
