package org.dcgan4j.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts this program again, for sweep tasks: the launcher
 * {@code scripts/dcgan4j} when this JVM was started by it (it then knows the backend, memory
 * limits and jar; tasks set {@code DCGAN4J_NO_BUILD} so it never rebuilds), else this JVM's java
 * with its class path and memory options (tests, a jar started by hand).
 */
final class TaskLauncher {

    private TaskLauncher() {
    }

    static List<String> command() {
        Path launcher = AppHome.get().resolve("scripts").resolve("dcgan4j");
        if (System.getProperty("dcgan4j.home") != null && Files.isExecutable(launcher)) {
            return List.of(launcher.toString());
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xm") || arg.startsWith("-Dorg.bytedeco.javacpp.") || arg.startsWith("-Ddcgan4j.")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Ddcgan4j.home=" + AppHome.get());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        return cmd;
    }
}
