package vn.baochay.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;
import vn.baochay.common.JsonText;
import vn.baochay.incident.IncidentLog;
import vn.baochay.incident.LoggedEvent;

/**
 * Forwards committed {@code incident_events} to the fan-out, in sequence order, from a position kept
 * in {@code relay_position}. One instance relays at a time (it holds a PostgreSQL advisory lock on a
 * connection of its own; if it dies, another takes over). An event is published and confirmed before
 * the position moves past it, so nothing is lost; after a crash a few may be published twice, and
 * every instance drops what it has already delivered ({@link LiveSequencer}), so no console sees one
 * twice. A pass that fails gives leadership up, so a broken connection never keeps the lock.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    static final String IN_MEMORY_CHANNEL = "live-in";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final RelayRepository leadership;
    private final Vertx vertx;
    private final IncidentLog log;
    private final LiveConfig config;
    private final MutinyEmitter<String> broker;
    private final InMemoryConnector inMemory;
    private final ObjectMapper json;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile RelayRepository.Lease lease;
    private volatile boolean stopped;
    private volatile long position = -1;
    private long timer = -1;
    private Duration backoff = Duration.ZERO;

    EventRelay(RelayRepository leadership, Vertx vertx, IncidentLog log, LiveConfig config,
               @Channel("live-out") MutinyEmitter<String> broker,
               @Connector(InMemoryConnector.CONNECTOR) InMemoryConnector inMemory, ObjectMapper json) {
        this.leadership = leadership;
        this.vertx = vertx;
        this.log = log;
        this.config = config;
        this.broker = broker;
        this.inMemory = inMemory;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.relayPollInterval().toMillis(), id -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        vertx.cancelTimer(timer);
        giveUpLeadership();
    }

    /** Runs one relay pass unless one is running; a pass started meanwhile is remembered and run next. */
    void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        lead()
                .chain(leader -> leader ? relayBatch() : Uni.createFrom().item(0))
                .subscribe().with(
                        published -> {
                            if (!backoff.isZero()) {
                                LOG.infof("Relay publishing again, at position %d", position);
                            }
                            backoff = Duration.ZERO;
                            running.set(false);
                            if (published >= config.relayBatch() || again.get()) {
                                wake();
                            }
                        },
                        failure -> {
                            backoff = backoff.isZero() ? Duration.ofMillis(500)
                                    : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                                    : backoff.multipliedBy(2);
                            LOG.warnf("Relay could not publish from position %d (%s); retrying in %d ms", position,
                                    failure.toString(), backoff.toMillis());
                            giveUpLeadership();
                            vertx.setTimer(backoff.toMillis(), id -> {
                                running.set(false);
                                wake();
                            });
                        });
    }

    /** True while this instance holds the relay lock; tries to take it when it does not. */
    private Uni<Boolean> lead() {
        if (lease != null) {
            return Uni.createFrom().item(true);
        }
        return leadership.tryLead(() -> vertx.runOnContext(this::wake), this::lost).map(taken -> {
            if (taken == null) {
                return false;
            }
            lease = taken;
            position = taken.position();
            LOG.infof("This instance relays incident events from position %d via %s", position, config.fanout());
            return true;
        });
    }

    private void lost() {
        if (lease != null && !stopped) {
            LOG.warn("Relay lost its database connection; another instance (or this one) will take over");
        }
        lease = null;
        position = -1;
    }

    private void giveUpLeadership() {
        RelayRepository.Lease held = lease;
        lease = null;
        position = -1;
        if (held != null) {
            held.release();
        }
    }

    private Uni<Integer> relayBatch() {
        RelayRepository.Lease held = lease;
        long from = position;
        return log.read(from, Long.MAX_VALUE, config.relayBatch()).chain(events -> {
            if (events.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            long last = events.get(events.size() - 1).seq();
            return publish(events)
                    .chain(() -> held.moveTo(last))
                    .invoke(() -> position = last)
                    .replaceWith(events.size());
        });
    }

    /** Publishes in order; with RabbitMQ each message is confirmed by the broker before the next goes. */
    private Uni<Void> publish(List<LoggedEvent> events) {
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
