package vn.baochay.photo;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Unfinished uploads are purged a day after their last byte (baochay.photo.upload-expiry), on every instance. */
class UploadPurge {

    private static final Logger LOG = Logger.getLogger(UploadPurge.class);

    void start(@Observes StartupEvent event, Vertx vertx, PhotoConfig config, UploadService uploads) {
        vertx.setPeriodic(config.purgeInterval().toMillis(), id -> uploads.purge().subscribe().with(
                purged -> {
                    if (purged > 0) {
                        LOG.infof("Purged %d photo uploads older than %s", purged, config.uploadExpiry());
                    }
                },
                failure -> LOG.warnf("Could not purge old photo uploads: %s", failure.toString())));
    }
}
