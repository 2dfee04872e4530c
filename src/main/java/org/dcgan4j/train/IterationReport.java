package org.dcgan4j.train;

/**
 * What one iteration did.
 *
 * @param progress        the run's position after this iteration
 * @param step            losses and D's beliefs
 * @param imagesPerSecond real images consumed per second of wall time in this iteration
 * @param totalIterations the run's planned length
 */
public record IterationReport(TrainingProgress progress, AdversarialStep.StepResult step,
                              double imagesPerSecond, long totalIterations) {

}
