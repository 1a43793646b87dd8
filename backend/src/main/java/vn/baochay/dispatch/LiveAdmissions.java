package vn.baochay.dispatch;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import vn.baochay.account.Tokens;
import vn.baochay.common.Actor;

/**
 * Tickets the gate used up for upgrades in progress: the socket that opens takes its admission by the
 * ticket's id. An admission whose upgrade never completed is dropped after a minute.
 */
@ApplicationScoped
class LiveAdmissions {

    record Admission(Tokens.Ticket ticket, Actor actor, long admittedAt) {
    }

    private final Map<UUID, Admission> pending = new ConcurrentHashMap<>();
    private final Vertx vertx;

    LiveAdmissions(Vertx vertx) {
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(60_000, id -> {
            long stale = System.nanoTime() - 60_000_000_000L;
            pending.values().removeIf(a -> a.admittedAt() < stale);
        });
    }

    void admit(Tokens.Ticket ticket, Actor actor) {
        pending.put(ticket.id(), new Admission(ticket, actor, System.nanoTime()));
    }

    Admission take(UUID ticketId) {
        return ticketId == null ? null : pending.remove(ticketId);
    }
}
