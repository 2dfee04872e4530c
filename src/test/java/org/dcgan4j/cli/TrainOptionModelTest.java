package org.dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dcgan4j.sweep.GridAxis;
import org.dcgan4j.sweep.SweepPlan;
import org.junit.jupiter.api.Test;

class TrainOptionModelTest {

    /**
     * A default run is conditional on labelled data, so a sweep's conditional=false must say
     * --no-conditional; a flag that is off by default (--spectral-norm) is simply left out.
     */
    @Test
    void aSweptFlagIsTurnedOffInTheFormTrainUnderstands() {
        TrainOptionModel train = new TrainOptionModel();

        assertThat(train.isFlag("--conditional")).isTrue();
        assertThat(train.negatedForm("--conditional")).isEqualTo("--no-conditional");
        assertThat(train.negatedForm("--spectral-norm")).isNull();
        SweepPlan plan = SweepPlan.expand(List.of(GridAxis.parse("conditional=true,false"),
                GridAxis.parse("spectral-norm=false")), List.of(), train);
        assertThat(plan.runs().get(0).args()).containsExactly("--conditional");
        assertThat(plan.runs().get(1).args()).containsExactly("--no-conditional");
    }
}
