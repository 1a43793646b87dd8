package vn.baochay.common;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Where services say what must happen together. Repositories find the session (and its transaction)
 * of the current reactive flow themselves ({@code SessionFactory.withSession} reuses an open one), so
 * nested calls join the outermost transaction and services never hold a session or a connection.
 */
@ApplicationScoped
public class Transactions {

    private final Mutiny.SessionFactory sessions;

    Transactions(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Runs {@code work} in one transaction: it commits when the returned Uni succeeds, else rolls back. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return sessions.withTransaction(session -> work.get());
    }

    /**
     * Like {@link #inTransaction}, for work that queues on locks by design (the intake of a crowd of
     * reports of one fire waits its turn on the fire's cell locks and the event log's counter): its
     * lock waits may last {@code lockWait} instead of the server-wide {@code baochay.db.lock-timeout},
     * still within every statement's {@code statement_timeout}.
     */
    public <T> Uni<T> inQueueingTransaction(java.time.Duration lockWait, Supplier<Uni<T>> work) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "SELECT set_config('lock_timeout', :wait, true)", String.class)
                .setParameter("wait", lockWait.toMillis() + "ms")
                .getSingleResult()
                .chain(ignored -> work.get()));
    }

    /** Runs reads on one session (one connection), without a transaction of their own. */
    public <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return sessions.withSession(session -> work.get());
    }
}
