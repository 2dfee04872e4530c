package org.dcgan4j.train;

import java.io.IOException;

/**
 * Where a run records the config it goes on with (the run's {@code config.json}); a rollback
 * rewrites it with the halved learning rate, so that a person and a later resume see the rate
 * in use.
 */
public interface ConfigRecord {

    void write(TrainingConfig config) throws IOException;
}
