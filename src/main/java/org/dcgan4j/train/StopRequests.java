package org.dcgan4j.train;

/**
 * Where requests to end a run early come from (SIGINT and SIGTERM on the command line): each
 * loop attempt is connected to them, so that a stop reaches the loop that is running.
 */
public interface StopRequests {

    /** Requests that arrive from now on call {@link TrainingLoop#requestStop()} on {@code loop}. */
    void connect(TrainingLoop loop);
}
