package vn.baochay.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.baochay.incident.IncidentLog;
import vn.baochay.incident.LoggedEvent;

/**
 * Puts the events this instance receives from the fan-out in order: each goes on exactly once, in
 * sequence; duplicates are dropped and any gap is read from the log first. When the fan-out stays
 * silent while the log moves on (a broker outage), it reads the log itself.
 */
@ApplicationScoped
public class LiveSequencer {

    private static final Logger LOG = Logger.getLogger(LiveSequencer.class);

    private final IncidentLog log;
    private final LiveEncoder encoder;
    private final LiveConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private volatile Consumer<LiveEncoder.Delivery> sink = delivery -> { };
    private volatile Runnable resyncAll = () -> { };

    /** The last sequence number passed on. */
    private long delivered = -1;
    /** Since when the log has been ahead of what this instance passed on; null when it is not. */
    private Instant behindSince;

    LiveSequencer(IncidentLog log, LiveEncoder encoder, LiveConfig config, ObjectMapper json, Vertx vertx) {
        this.log = log;
        this.encoder = encoder;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) throws Throwable {
        long last = VertxContextSupport.subscribeAndAwait(log::lastSeq);
        synchronized (this) {
            delivered = last;
        }
        vertx.setPeriodic(1000, id -> catchUpIfStalled());
    }

    /**
     * Where each event goes once it is in order (the console registry), and what to do when more events
     * are missing than are worth sending one by one (every console then resyncs from a snapshot).
     */
    void deliverTo(Consumer<LiveEncoder.Delivery> sink, Runnable resyncAll) {
        this.sink = sink;
        this.resyncAll = resyncAll;
    }

    /** The last sequence number passed on. */
    synchronized long position() {
        return delivered;
    }

    /** Runs {@code registration} while nothing is passed on, and answers the position it happened at. */
    synchronized long registerAt(Runnable registration) {
        registration.run();
        return delivered;
    }

    /** From the fan-out. Strictly one at a time, in order: the method returns when delivered. */
    @Incoming("live-in")
    public Uni<Void> receive(String message) {
        LoggedEvent event;
        try {
            event = json.readValue(message, LoggedEvent.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Unreadable live event dropped: %s", message);
            return Uni.createFrom().voidItem();
        }
        return deliverThrough(event.seq(), List.of(event));
    }

    /**
     * Delivers everything up to {@code seq}: what is missing before it is read from the log first. Before
     * {@link #start} nothing is delivered: no console can be connected yet, and start takes the log's
     * position then. A gap of more than {@code max-replay} events is not read (it would tie up an event
     * loop encoding them): the consoles are told to resync instead, and get a snapshot.
     */
    private synchronized Uni<Void> deliverThrough(long seq, List<LoggedEvent> known) {
        if (delivered < 0 || seq <= delivered) {
            return Uni.createFrom().voidItem();
        }
        long first = known.isEmpty() ? seq + 1 : known.get(0).seq();
        if (first - 1 - delivered > config.maxReplay()) {
            LOG.warnf("Live feed is %d events behind the log: consoles resync from a snapshot",
                    first - 1 - delivered);
            delivered = first - 1;
            resyncAll.run();
        }
        Uni<List<LoggedEvent>> missing = first <= delivered + 1
                ? Uni.createFrom().item(List.of())
                : log.read(delivered, first - 1, config.maxReplay());
        return missing.map(gap -> {
            List<LoggedEvent> all = new ArrayList<>(gap);
            all.addAll(known);
            return all;
        }).invoke(this::deliver).replaceWithVoid();
    }

    private synchronized void deliver(List<LoggedEvent> events) {
        for (LoggedEvent event : events) {
            if (event.seq() <= delivered) {
                continue;
            }
            if (event.seq() != delivered + 1) {
                LOG.errorf("Live feed out of order: expected %d, got %d", delivered + 1, event.seq());
            }
            delivered = event.seq();
            sink.accept(encoder.event(event));
        }
    }

    /**
     * The fan-out has been silent while the log moved on (a broker outage, a lost queue): read the
     * missing events straight from the database. The broker normally delivers far sooner.
     */
    private void catchUpIfStalled() {
        log.lastSeq().chain(last -> {
            synchronized (this) {
                if (delivered < 0 || last <= delivered) {
                    behindSince = null;
                    return Uni.createFrom().voidItem();
                }
                Instant now = Instant.now();
                if (behindSince == null) {
                    behindSince = now;
                }
                if (now.isBefore(behindSince.plus(config.catchUpAfter()))) {
                    return Uni.createFrom().voidItem();
                }
                LOG.warnf("Live fan-out has not brought events %d..%d for %s: reading them from the log",
                        delivered + 1, last, config.catchUpAfter());
                behindSince = null;
                return deliverThrough(last, List.of());
            }
        }).subscribe().with(ok -> { }, failure -> LOG.warn("Catch-up failed: " + failure));
    }
}
