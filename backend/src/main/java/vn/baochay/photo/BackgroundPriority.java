package vn.baochay.photo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Lets image work yield the CPU to report intake. Java thread priorities do nothing on Linux, but a
 * thread's nice value does: the first time a photo worker thread runs, it renices itself (Linux keeps
 * a nice value per thread), so that when both want a core the scheduler favours the event loops that
 * take reports. Where that is not possible (another OS, no renice) photos simply run at normal priority.
 */
final class BackgroundPriority {

    private static final Logger LOG = Logger.getLogger(BackgroundPriority.class);
    private static final ThreadLocal<Boolean> DONE = ThreadLocal.withInitial(() -> false);

    private BackgroundPriority() {
    }

    static void lower(int nice) {
        if (nice <= 0 || DONE.get()) {
            return;
        }
        DONE.set(true);
        try {
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            String tid = self.getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(2, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                LOG.debugf("Could not renice photo worker thread %s", tid);
            }
        } catch (Exception e) {
            LOG.debugf("Photo worker keeps normal priority: %s", e.toString());
        }
    }
}
