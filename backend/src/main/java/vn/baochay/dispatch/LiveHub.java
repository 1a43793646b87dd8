package vn.baochay.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import vn.baochay.common.Actor;
import vn.baochay.incident.IncidentService;
import vn.baochay.incident.IncidentSummary;

/**
 * This instance's side of the live feed: takes events from the fan-out strictly in sequence (drops
 * what it has delivered, reads any gap from the database), and sends each to the consoles connected
 * here whose dispatcher covers its province. A console that connects gets a snapshot, or a replay of
 * exactly what it missed; one that cannot keep up is told to resync instead of growing a queue.
 */
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    static final CloseReason RESYNC = new CloseReason(4409, "resync: reconnect without lastSeq");

    private final EventLogReader log;
    private final IncidentService incidents;
    private final LiveConfig config;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final Map<String, Console> consoles = new ConcurrentHashMap<>();

    /** The last sequence number delivered to this instance's consoles. */
    private long delivered = -1;
    /** Since when the log has been ahead of what this instance delivered; null when it is not. */
    private Instant behindSince;

    LiveHub(EventLogReader log, IncidentService incidents, LiveConfig config, ObjectMapper json, Vertx vertx) {
        this.log = log;
        this.incidents = incidents;
        this.config = config;
        this.json = json;
        this.vertx = vertx;
    }

    /** A connected console: who it is, what it has been sent, and whether it is still catching up. */
    static final class Console {
        final WebSocketConnection connection;
        final Actor actor;
        final AtomicInteger queued = new AtomicInteger();
        /** While a snapshot or replay is being prepared, live events wait here (bounded). */
        List<Delivery> waiting = new ArrayList<>();
        long sent;

        Console(WebSocketConnection connection, Actor actor) {
            this.connection = connection;
            this.actor = actor;
        }
    }

    /** An event ready to send: its sequence, the provinces it concerns, and the console message. */
    record Delivery(long seq, List<String> provinces, String message) {
    }

    void start(@Observes StartupEvent event) throws Throwable {
        delivered = VertxContextSupport.subscribeAndAwait(log::lastSeq);
        vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
        vertx.setPeriodic(1000, id -> catchUpIfStalled());
    }

    /** From the fan-out. Strictly one at a time, in order: the method returns when delivered. */
    @Incoming("live-in")
    public Uni<Void> receive(String message) {
        LiveEvent event;
        try {
            event = json.readValue(message, LiveEvent.class);
        } catch (JsonProcessingException e) {
            LOG.errorf("Unreadable live event dropped: %s", message);
            return Uni.createFrom().voidItem();
        }
        return deliverThrough(event.seq(), List.of(event));
    }

    /** Delivers everything up to {@code seq}: what is missing before it is read from the log first. */
    private synchronized Uni<Void> deliverThrough(long seq, List<LiveEvent> known) {
        if (seq <= delivered) {
            return Uni.createFrom().voidItem();
        }
        long first = known.isEmpty() ? seq + 1 : known.get(0).seq();
        Uni<List<LiveEvent>> missing = first <= delivered + 1
                ? Uni.createFrom().item(List.of())
                : log.read(delivered, first - 1, Integer.MAX_VALUE);
        return missing.map(gap -> {
            List<LiveEvent> all = new ArrayList<>(gap);
            all.addAll(known);
            return all;
        }).invoke(this::deliver).replaceWithVoid();
    }

    private synchronized void deliver(List<LiveEvent> events) {
        for (LiveEvent event : events) {
            if (event.seq() <= delivered) {
                continue;
            }
            if (event.seq() != delivered + 1) {
                LOG.errorf("Live feed out of order: expected %d, got %d", delivered + 1, event.seq());
            }
            delivered = event.seq();
            Delivery delivery = toDelivery(event);
            for (Console console : consoles.values()) {
                offer(console, delivery);
            }
        }
    }

    /**
     * The fan-out has been silent while the log moved on (a broker outage, a lost queue): read the
     * missing events straight from the database. The broker normally delivers far sooner.
     */
    private void catchUpIfStalled() {
        log.lastSeq().chain(last -> {
            synchronized (this) {
                if (last <= delivered) {
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

    // ---- Consoles -------------------------------------------------------------------------------

    /**
     * Registers a console and brings it up to date: a replay of the events after {@code lastSeq} when it
     * has one and is not too far behind, otherwise a snapshot of the open incidents it may see.
     */
    public Uni<Void> connect(WebSocketConnection connection, Actor actor, Long lastSeq) {
        Console console = new Console(connection, actor);
        long upTo;
        synchronized (this) {
            consoles.put(connection.id(), console);
            upTo = delivered;
        }
        boolean replay = lastSeq != null && lastSeq >= upTo - config.maxReplay();
        Uni<Void> catchUp = replay
                ? (lastSeq >= upTo ? Uni.createFrom().voidItem() : log.read(lastSeq, upTo, config.maxReplay())
                        .invoke(events -> events.forEach(e -> send(console, toDelivery(e))))
                        .replaceWithVoid())
                : incidents.openIncidents(actor).invoke(open -> sendNow(console, snapshot(upTo, open))).replaceWithVoid();
        return catchUp.invoke(() -> {
            synchronized (this) {
                console.sent = replay ? Math.max(lastSeq, upTo) : upTo;
                List<Delivery> waiting = console.waiting;
                console.waiting = null;
                waiting.forEach(d -> offer(console, d));
            }
        }).onFailure().invoke(failure -> {
            LOG.warnf("Could not bring console %s up to date: %s", connection.id(), failure.toString());
            disconnect(connection);
        });
    }

    public void disconnect(WebSocketConnection connection) {
        consoles.remove(connection.id());
    }

    public int consoleCount() {
        return consoles.size();
    }

    private synchronized void offer(Console console, Delivery delivery) {
        if (console.waiting != null) {
            if (console.waiting.size() >= config.maxQueuedPerConsole()) {
                resync(console);
            } else {
                console.waiting.add(delivery);
            }
            return;
        }
        if (delivery.seq() <= console.sent) {
            return;
        }
        console.sent = delivery.seq();
        send(console, delivery);
    }

    private void send(Console console, Delivery delivery) {
        if (console.actor.isSupervisor() || delivery.provinces().stream().anyMatch(console.actor::covers)) {
            sendNow(console, delivery.message());
        }
    }

    /** Sends without waiting; a console with too much unsent is closed with 4409 and must resync. */
    private void sendNow(Console console, String message) {
        if (console.queued.incrementAndGet() > config.maxQueuedPerConsole()) {
            resync(console);
            return;
        }
        console.connection.sendText(message).subscribe().with(
                ok -> console.queued.decrementAndGet(),
                failure -> {
                    console.queued.decrementAndGet();
                    disconnect(console.connection);
                });
    }

    private void resync(Console console) {
        LOG.warnf("Console %s (%s) is too slow: asking it to resync", console.connection.id(), console.actor.username());
        disconnect(console.connection);
        console.connection.close(RESYNC).subscribe().with(ok -> { }, failure -> { });
    }

    private void heartbeat() {
        String beat;
        synchronized (this) {
            beat = "{\"type\":\"heartbeat\",\"seq\":" + delivered + "}";
        }
        for (Console console : consoles.values()) {
            if (console.waiting == null) {
                sendNow(console, beat);
            }
        }
    }

    // ---- Messages -------------------------------------------------------------------------------

    private Delivery toDelivery(LiveEvent event) {
        try {
            JsonNode payload = json.readTree(event.payload());
            ObjectNode message = json.createObjectNode();
            message.put("type", "event");
            message.put("seq", event.seq());
            message.put("eventType", event.type());
            message.put("incidentId", event.incidentId());
            message.put("at", event.occurredAt());
            message.set("actor", payload.path("actor").isMissingNode() ? null : payload.get("actor"));
            message.set("incident", payload.path("incident").isMissingNode() ? null : payload.get("incident"));
            message.set("unit", payload.path("unit").isMissingNode() ? null : payload.get("unit"));
            List<String> provinces = new ArrayList<>(2);
            if (payload.path("incident").hasNonNull("province")) {
                provinces.add(payload.get("incident").get("province").asText());
            }
            if (payload.path("unit").hasNonNull("province")) {
                provinces.add(payload.get("unit").get("province").asText());
            }
            return new Delivery(event.seq(), provinces, json.writeValueAsString(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable event " + event.seq(), e);
        }
    }

    private String snapshot(long seq, List<IncidentSummary> open) {
        try {
            ObjectNode message = json.createObjectNode();
            message.put("type", "snapshot");
            message.put("seq", seq);
            message.set("incidents", json.valueToTree(open));
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write snapshot", e);
        }
    }
}
