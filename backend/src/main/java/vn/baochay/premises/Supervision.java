package vn.baochay.premises;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import vn.baochay.common.OwnContext;

/**
 * Every few seconds, on every instance, turns silent the transmitters that missed their reporting interval (the
 * database makes sure each turns once). A pass that is still running when the next is due is not doubled.
 */
class Supervision {

    private static final Logger LOG = Logger.getLogger(Supervision.class);

    private final AtomicBoolean running = new AtomicBoolean();

    void start(@Observes StartupEvent event, Vertx vertx, Transmitters transmitters, PremisesConfig config) {
        vertx.setPeriodic(config.supervisionCheckEvery().toMillis(), id -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            // Hibernate Reactive needs a safe (duplicated) Vert.x context, which a timer's callback is not.
            OwnContext.run(vertx.getDelegate(), transmitters::silenceOverdue,
                    silenced -> {
                        running.set(false);
                        if (silenced > 0) {
                            LOG.warnf("%d fire-alarm transmitters went silent", silenced);
                        }
                    },
                    failure -> {
                        running.set(false);
                        LOG.warnf("Could not check fire-alarm transmitters for silence: %s", failure.toString());
                    });
        });
    }
}
