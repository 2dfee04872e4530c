package org.dcgan4j.train;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flags a saturated discriminator: D(x) near 1 and D(G(z)) near 0 for many iterations in a
 * row, when G gets almost no gradient and the run is likely wasted. A user on a remote shell
 * learns it from the log and {@code status.json} without opening images.
 */
public final class SaturationMonitor implements TrainingListener {

    private static final Logger LOG = LoggerFactory.getLogger(SaturationMonitor.class);
    /** D(x) above this and D(G(z)) below 1 minus this count as saturated. */
    static final double CONFIDENT = 0.99;

    private final int patience;
    private long saturatedSince = -1;
    private boolean warned;

    /** @param patience consecutive saturated iterations before the flag goes up */
    public SaturationMonitor(int patience) {
        this.patience = patience;
    }

    @Override
    public void onIteration(GanModels models, IterationReport r) {
        boolean saturated = r.step().realProbability() > CONFIDENT && r.step().fakeProbability() < 1 - CONFIDENT;
        long it = r.progress().iteration();
        if (!saturated) {
            if (warned) {
                LOG.info("discriminator no longer saturated at iteration {}", it);
            }
            saturatedSince = -1;
            warned = false;
            return;
        }
        if (saturatedSince < 0) {
            saturatedSince = it;
        }
        if (!warned && it - saturatedSince + 1 >= patience) {
            warned = true;
            LOG.warn("discriminator saturated since iteration {}: D(x) > {} and D(G(z)) < {} for {} iterations;"
                    + " G learns little like this", saturatedSince, CONFIDENT, 1 - CONFIDENT, it - saturatedSince + 1);
        }
    }

    /** "ok", or what is wrong. */
    public String health() {
        return warned ? "discriminator saturated since iteration " + saturatedSince : "ok";
    }
}
