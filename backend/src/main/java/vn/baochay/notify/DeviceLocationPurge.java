package vn.baochay.notify;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** A phone's position is forgotten when it expires (24 hours after it was sent), on every instance, every few minutes. */
class DeviceLocationPurge {

    private static final Logger LOG = Logger.getLogger(DeviceLocationPurge.class);
    private static final long INTERVAL_MS = 5 * 60 * 1000;

    void start(@Observes StartupEvent event, Vertx vertx, DeviceService devices) {
        vertx.setPeriodic(INTERVAL_MS, id -> devices.forgetExpiredLocations().subscribe().with(
                purged -> {
                    if (purged > 0) {
                        LOG.infof("Forgot %d expired device locations", purged);
                    }
                },
                failure -> LOG.warnf("Could not forget expired device locations: %s", failure.toString())));
    }
}
