package org.dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BlasThreadsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(BlasThreads.USER_SWITCH);
    }

    @Test
    void oneThreadByDefaultOnTheCpuBackend() {
        Nd4j.factory().blas().setMaxThreads(2);
        assertThat(BlasThreads.configure()).isEqualTo(1);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
    }

    @Test
    void thePropertySetsAnotherCount() {
        System.setProperty(BlasThreads.USER_SWITCH, "2");
        assertThat(BlasThreads.configure()).isEqualTo(2);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(2);
        System.clearProperty(BlasThreads.USER_SWITCH);
        BlasThreads.configure();
    }

    @Test
    void aCountThatIsNotAPositiveIntegerIsRefusedByName() {
        for (String bad : new String[] {"0", "-1", "two", ""}) {
            System.setProperty(BlasThreads.USER_SWITCH, bad);
            assertThatThrownBy(BlasThreads::configure)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dcgan4j.blasThreads")
                    .hasMessageContaining("'" + bad + "'");
        }
    }
}
