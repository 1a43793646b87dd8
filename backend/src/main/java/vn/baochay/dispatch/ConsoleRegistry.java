package vn.baochay.dispatch;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import java.time.Instant;
import java.util.UUID;
import vn.baochay.account.AuthConfig;
import vn.baochay.account.SessionCheck;
import vn.baochay.account.Tokens;
import vn.baochay.common.Actor;
import vn.baochay.incident.IncidentLog;
import vn.baochay.incident.IncidentQueries;

/**
 * The consoles connected to this instance. A console that connects gets a snapshot, or a replay of
 * exactly what it missed; then every event whose provinces its dispatcher covers. One that cannot
 * keep up is told to resync (4409) instead of growing a queue.
 *
 * <p>Longer than most classes: back-pressure, jurisdiction filtering and the session sweep all act on the
 * same per-console state.
 */
@ApplicationScoped
public class ConsoleRegistry {

    private static final Logger LOG = Logger.getLogger(ConsoleRegistry.class);
    static final CloseReason RESYNC = new CloseReason(4409, "resync: reconnect without lastSeq");
    static final CloseReason EXPIRED = new CloseReason(4401, "token expired: renew the ticket or reconnect");
    static final CloseReason SESSION_ENDED = new CloseReason(4401, "session ended or account changed: log in again");
    static final CloseReason TOO_MANY = new CloseReason(4403, "too many live sockets for this account");
    static final CloseReason GOING_AWAY = new CloseReason(1001, "server shutting down: reconnect");
    /** How long a shutdown waits for the consoles' sockets to close. */
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(5);

    private final LiveSequencer sequencer;
    private final IncidentLog log;
    private final IncidentQueries incidents;
    private final LiveEncoder encoder;
    private final LiveConfig config;
    private final Vertx vertx;
    private final SessionCheck sessions;
    private final AuthConfig auth;
    private final Map<String, Console> consoles = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    ConsoleRegistry(LiveSequencer sequencer, IncidentLog log, IncidentQueries incidents, LiveEncoder encoder,
                    LiveConfig config, Vertx vertx, SessionCheck sessions, AuthConfig auth) {
        this.sessions = sessions;
        this.auth = auth;
        this.sequencer = sequencer;
        this.log = log;
        this.incidents = incidents;
        this.encoder = encoder;
        this.config = config;
        this.vertx = vertx;
    }

    /** A connected console: who it is, what it has been sent, and whether it is still catching up. */
    private static final class Console {
        final WebSocketConnection connection;
        final Actor actor;
        final UUID session;
        /** Until when the socket may stay open: its access token's end, moved on by each renewal. */
        volatile Instant expires;
        final AtomicInteger queued = new AtomicInteger();
        /** While a snapshot or replay is being prepared, live events wait here (bounded); then null. */
        List<LiveEncoder.Delivery> waiting = new ArrayList<>();
        long sent;

        Console(WebSocketConnection connection, Actor actor, UUID session, Instant expires) {
            this.connection = connection;
            this.actor = actor;
            this.session = session;
            this.expires = expires;
        }
    }

    void start(@Observes StartupEvent event) {
        sequencer.deliverTo(this::deliver, this::resyncAll);
        vertx.setPeriodic(config.heartbeat().toMillis(), id -> heartbeat());
        vertx.setPeriodic(Math.max(1000, auth.sessionCheck().toMillis() / 2), id -> sweep());
    }

    /**
     * Closes (4401) every socket whose token has expired, whose session has ended, or whose account no
     * longer covers what it covered when the socket opened; the console then reconnects with what it
     * may see now, or logs in again.
     */
    void sweep() {
        Instant now = Instant.now();
        for (Console console : consoles.values()) {
            if (!console.expires.isAfter(now)) {
                close(console, EXPIRED);
                continue;
            }
            sessions.actorOrNull(console.session, console.actor.address()).subscribe().with(
                    current -> {
                        if (current == null || !current.role().equals(console.actor.role())
                                || !current.provinces().equals(console.actor.provinces())) {
                            close(console, SESSION_ENDED);
                        }
                    },
                    failure -> LOG.debugf("Could not check the session of console %s: %s", console.connection.id(),
                            failure.toString()));
        }
    }

    /** Sessions ended on this instance: their sockets close at once; an account changed: check its sockets now. */
    void onSessionsEnded(@Observes SessionCheck.SessionsEnded ended) {
        boolean check = false;
        for (Console console : consoles.values()) {
            if (ended.sessions().contains(console.session)) {
                close(console, SESSION_ENDED);
            } else if (console.actor.username().equals(ended.username())) {
                check = true;
            }
        }
        if (check) {
            sweep();
        }
    }

    /**
     * On SIGTERM, while running requests are let finish ({@code web.ShutdownDrain}): a live socket never ends
     * by itself, so it would hold the stop for nothing. Every console here is told to reconnect
     * (1001, going away), which it does at once with its last sequence, to another instance behind the load
     * balancer or to this one once it is back, and misses nothing; sockets that open from now on are refused
     * the same way.
     */
    void stop(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
        List<java.util.concurrent.CompletableFuture<Void>> closing = new ArrayList<>();
        for (Console console : consoles.values()) {
            disconnect(console.connection);
            closing.add(console.connection.close(GOING_AWAY).onFailure().recoverWithNull()
                    .subscribeAsCompletionStage());
        }
        if (closing.isEmpty()) {
            return;
        }
        LOG.infof("Shutting down: told %d console(s) to reconnect", closing.size());
        try {
            java.util.concurrent.CompletableFuture.allOf(closing.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warnf("Shutting down: not every console's socket closed within %s", CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fresh ticket of the same session keeps the socket open until the new token's end. */
    public Uni<Void> renew(WebSocketConnection connection, Tokens.Ticket ticket) {
        Console console = consoles.get(connection.id());
        if (console == null) {
            return Uni.createFrom().voidItem();
        }
        if (ticket == null || !ticket.session().equals(console.session)) {
            return connection.sendText("{\"type\":\"renew-refused\"}").onFailure().recoverWithNull().replaceWithVoid();
        }
        if (ticket.accessExpires().isAfter(console.expires)) {
            console.expires = ticket.accessExpires();
        }
        return connection.sendText("{\"type\":\"renewed\",\"until\":\"" + console.expires + "\"}")
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private void close(Console console, CloseReason reason) {
        disconnect(console.connection);
        console.connection.close(reason).subscribe().with(ok -> { }, failure -> { });
    }

    /**
     * Registers a console and brings it up to date: a replay of the events after {@code lastSeq} when it
     * has one and is not too far behind, otherwise a snapshot of the open incidents it may see.
     */
    public Uni<Void> connect(WebSocketConnection connection, Actor actor, UUID session, Instant expires,
                             Long lastSeq) {
        if (stopping) {
            return connection.close(GOING_AWAY);
        }
        long already = consoles.values().stream().filter(c -> c.actor.username().equals(actor.username())).count();
        if (already >= auth.maxSocketsPerUser()) {
            LOG.infof("Refused a live socket for %s: %d open already", actor.username(), already);
            return connection.close(TOO_MANY);
        }
        Console console = new Console(connection, actor, session, expires);
        long upTo = sequencer.registerAt(() -> consoles.put(connection.id(), console));
        boolean replay = lastSeq != null && lastSeq >= upTo - config.maxReplay();
        Uni<Void> catchUp = replay
                ? (lastSeq >= upTo ? Uni.createFrom().voidItem() : log.read(lastSeq, upTo, config.maxReplay())
                        .invoke(events -> events.forEach(e -> send(console, encoder.event(e))))
                        .replaceWithVoid())
                : incidents.openIncidents(actor)
                        .invoke(open -> sendNow(console, encoder.snapshot(upTo, open))).replaceWithVoid();
        return catchUp.invoke(() -> {
            synchronized (console) {
                console.sent = replay ? Math.max(lastSeq, upTo) : upTo;
                List<LiveEncoder.Delivery> waiting = console.waiting;
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

    /** An event in sequence, from the sequencer: offered to every console here. */
    private void deliver(LiveEncoder.Delivery delivery) {
        for (Console console : consoles.values()) {
            offer(console, delivery);
        }
    }

    private void offer(Console console, LiveEncoder.Delivery delivery) {
        synchronized (console) {
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
        }
        send(console, delivery);
    }

    /** Jurisdiction: a dispatcher gets only the events of their provinces; supervisors get all. */
    private void send(Console console, LiveEncoder.Delivery delivery) {
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

    /** Every console resyncs (4409): the feed skipped more events than are worth replaying. */
    private void resyncAll() {
        consoles.values().forEach(this::resync);
    }

    private void resync(Console console) {
        LOG.warnf("Console %s (%s) is too slow: asking it to resync", console.connection.id(), console.actor.username());
        disconnect(console.connection);
        console.connection.close(RESYNC).subscribe().with(ok -> { }, failure -> { });
    }

    private void heartbeat() {
        String beat = encoder.heartbeat(sequencer.position());
        for (Console console : consoles.values()) {
            if (console.waiting == null) {
                sendNow(console, beat);
            }
        }
    }
}
