package vn.baochay.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.jboss.logging.Logger;

/**
 * Forwards committed {@code incident_events} to the fan-out, in sequence order, from a position kept
 * in {@code relay_position}. One instance relays at a time (it holds a PostgreSQL advisory lock on a
 * connection of its own; if it dies, another takes over). An event is published and confirmed before
 * the position moves past it, so nothing is lost; after a crash a few may be published twice, and
 * every instance drops what it has already delivered ({@link LiveHub}), so no console sees one twice.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    /** Advisory lock key of the relay's leadership ("baochay relay"). */
    private static final long LEADER_LOCK = 114_114_001L;
    static final String IN_MEMORY_CHANNEL = "live-in";
    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    private final Pool pool;
    private final Vertx vertx;
    private final EventLogReader log;
    private final LiveConfig config;
    private final MutinyEmitter<String> broker;
    private final InMemoryConnector inMemory;
    private final ObjectMapper json;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile SqlConnection leaderConnection;
    private volatile boolean stopped;
    private volatile long position = -1;
    private long timer = -1;
    private Duration backoff = Duration.ZERO;

    EventRelay(Pool pool, Vertx vertx, EventLogReader log, LiveConfig config,
               @Channel("live-out") MutinyEmitter<String> broker,
               @Connector(InMemoryConnector.CONNECTOR) InMemoryConnector inMemory, ObjectMapper json) {
        this.pool = pool;
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
        SqlConnection connection = leaderConnection;
        if (connection != null) {
            connection.closeAndForget();
        }
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
        leadership()
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
                                    : backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                                    ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
                            LOG.warnf("Relay could not publish from position %d (%s); retrying in %d ms", position,
                                    failure.toString(), backoff.toMillis());
                            vertx.setTimer(backoff.toMillis(), id -> {
                                running.set(false);
                                wake();
                            });
                        });
    }

    /** True while this instance holds the relay lock; tries to take it when it does not. */
    private Uni<Boolean> leadership() {
        if (leaderConnection != null) {
            return Uni.createFrom().item(true);
        }
        return pool.getConnection().chain(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(LEADER_LOCK))
                .map(rows -> rows.iterator().next().getBoolean(0))
                .chain(acquired -> {
                    if (!acquired) {
                        return connection.close().replaceWith(false);
                    }
                    return becomeLeader(connection);
                }));
    }

    private Uni<Boolean> becomeLeader(SqlConnection connection) {
        PgConnection pg = PgConnection.cast(connection);
        // NOTIFY arrives when a writer commits: relay at once instead of waiting for the next poll.
        pg.notificationHandler(notification -> vertx.runOnContext(this::wake));
        pg.closeHandler(() -> {
            LOG.warn("Relay lost its database connection; another instance (or this one) will take over");
            leaderConnection = null;
            position = -1;
        });
        return connection.query("LISTEN incident_events").execute()
                .chain(() -> connection.query("SELECT last_seq FROM relay_position").execute())
                .map(rows -> {
                    position = rows.iterator().next().getLong(0);
                    leaderConnection = connection;
                    LOG.infof("This instance relays incident events from position %d via %s", position, config.fanout());
                    return true;
                });
    }

    private Uni<Integer> relayBatch() {
        long from = position;
        return log.read(from, Long.MAX_VALUE, config.relayBatch()).chain(events -> {
            if (events.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            long last = events.get(events.size() - 1).seq();
            return publish(events)
                    .chain(() -> leaderConnection.preparedQuery(
                                    "UPDATE relay_position SET last_seq = $1, moved_at = now() WHERE last_seq < $1")
                            .execute(Tuple.of(last)))
                    .invoke(() -> position = last)
                    .replaceWith(events.size());
        });
    }

    /** Publishes in order; with RabbitMQ each message is confirmed by the broker before the next goes. */
    private Uni<Void> publish(List<LiveEvent> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (LiveEvent event : events) {
            String body = write(event);
            // A publish the broker neither confirms nor refuses in time counts as failed: the batch is
            // tried again from the same position (consumers drop what they already have).
            chain = chain.chain(() -> "rabbitmq".equals(config.fanout())
                    ? broker.send(body).ifNoItem().after(PUBLISH_TIMEOUT).fail()
                    : Uni.createFrom().voidItem().invoke(() -> inMemory.source(IN_MEMORY_CHANNEL).send(body)));
        }
        return chain;
    }

    private String write(LiveEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise event " + event.seq(), e);
        }
    }
}
