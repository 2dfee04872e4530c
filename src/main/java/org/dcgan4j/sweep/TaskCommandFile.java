package org.dcgan4j.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dcgan4j.files.AtomicFiles;

/**
 * {@code task-command}: the command that starts this program (the launcher, or java with its
 * class path), one argument per NUL-terminated entry. The batch script reads it with
 * {@code mapfile -d ''} and runs it with {@code sweep-task}, so paths with spaces, quotes or
 * {@code ;} stay single arguments and never become shell code.
 */
public final class TaskCommandFile {

    private TaskCommandFile() {
    }

    public static void write(Path file, List<String> command) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String arg : command) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument of the task command holds a NUL character: " + arg);
            }
            text.append(arg).append('\0');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
