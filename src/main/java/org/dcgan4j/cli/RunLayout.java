package org.dcgan4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things live inside one run folder. */
record RunLayout(Path root) {

    Path config() {
        return root.resolve("config.json");
    }

    Path log() {
        return root.resolve("train.log");
    }

    Path metrics() {
        return root.resolve("metrics.csv");
    }

    Path status() {
        return root.resolve("status.json");
    }

    Path samples() {
        return root.resolve("samples");
    }

    Path checkpoints() {
        return root.resolve("checkpoints");
    }

    /** PNG charts of metrics.csv, redrawn at every checkpoint interval and at the end. */
    Path charts() {
        return root.resolve("charts");
    }

    /** The checkpoint with the lowest quick-evaluation distance so far (train --eval-every). */
    Path best() {
        return root.resolve("best");
    }

    /** TensorBoard event files, one per training process. */
    Path tensorboard() {
        return root.resolve("tensorboard");
    }

    /** One JSON line per quick evaluation. */
    Path stats() {
        return root.resolve("stats.jsonl");
    }

    /** True when the folder already holds (part of) a run that must not be overwritten. */
    boolean holdsRun() {
        return Files.exists(config()) || Files.exists(checkpoints()) || Files.exists(metrics());
    }
}
