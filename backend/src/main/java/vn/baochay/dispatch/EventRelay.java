package vn.baochay.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import vn.baochay.common.JsonText;
import vn.baochay.incident.IncidentLog;
import vn.baochay.incident.LogFollower;
import vn.baochay.incident.LoggedEvent;

/**
 * Forwards committed {@code incident_events} to the fan-out, in sequence order, as the log follower
 * "live" (one instance at a time). An event is published and confirmed before the position moves
 * past it, so nothing is lost; after a crash a few may be published twice, and every instance drops
 * what it has already delivered ({@link LiveSequencer}), so no console sees one twice.
 */
@Singleton
public class EventRelay extends LogFollower {

    /** Advisory lock key of the live relay's leadership ("baochay relay"). */
    private static final long LEADER_LOCK = 114_114_001L;
    static final String IN_MEMORY_CHANNEL = "live-in";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final LiveConfig config;
    private final MutinyEmitter<String> broker;
    private final InMemoryConnector inMemory;
    private final ObjectMapper json;

    EventRelay(Vertx vertx, IncidentLog log, LiveConfig config, @Channel("live-out") MutinyEmitter<String> broker,
               @Connector(InMemoryConnector.CONNECTOR) InMemoryConnector inMemory, ObjectMapper json) {
        super("live", LEADER_LOCK, log, vertx);
        this.config = config;
        this.broker = broker;
        this.inMemory = inMemory;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        startFollowing(config.relayPollInterval());
    }

    void stop(@Observes ShutdownEvent event) {
        stopFollowing();
    }

    @Override
    protected int batchSize() {
        return config.relayBatch();
    }

    /** Publishes in order; with RabbitMQ each message is confirmed by the broker before the next goes. */
    @Override
    protected Uni<Void> handle(List<LoggedEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LoggedEvent event : events) {
            String body = JsonText.write(json, event);
            // A publish the broker neither confirms nor refuses in time counts as failed: the batch is
            // tried again from the same position (consumers drop what they already have).
            chain = chain.chain(() -> "rabbitmq".equals(config.fanout())
                    ? broker.send(body).ifNoItem().after(PUBLISH_TIMEOUT).fail()
                    : Uni.createFrom().voidItem().invoke(() -> inMemory.source(IN_MEMORY_CHANNEL).send(body)));
        }
        return chain;
    }
}
