package org.dcgan4j.testing;

import org.dcgan4j.model.LayerHelpers;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's layer-helper switch is global to the JVM (a system property and ND4J's environment):
 * this extension remembers both before each test and puts both back after it, so that later tests
 * in the same JVM build what they would have built. Register it with
 * {@code @RegisterExtension}: {@link #on()} also switches the helpers on for the test,
 * {@link #restoring()} only restores.
 */
public final class LayerHelperSwitch implements BeforeEachCallback, AfterEachCallback {

    private final boolean switchOn;
    private String disableProperty;
    private boolean helpersAllowed;

    private LayerHelperSwitch(boolean switchOn) {
        this.switchOn = switchOn;
    }

    /** Helpers on during each test, the switch as it was after it. */
    public static LayerHelperSwitch on() {
        return new LayerHelperSwitch(true);
    }

    /** The switch as it was after each test, whatever the test set. */
    public static LayerHelperSwitch restoring() {
        return new LayerHelperSwitch(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        disableProperty = System.getProperty(LayerHelpers.DISABLE_PROPERTY);
        helpersAllowed = Nd4j.getEnvironment().helpersAllowed();
        if (switchOn) {
            LayerHelpers.enable(true);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (disableProperty == null) {
            System.clearProperty(LayerHelpers.DISABLE_PROPERTY);
        } else {
            System.setProperty(LayerHelpers.DISABLE_PROPERTY, disableProperty);
        }
        Nd4j.getEnvironment().allowHelpers(helpersAllowed);
    }
}
