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
     *
     * <p>Its statements are also planned with their parameters at every execution
     * ({@code plan_cache_mode=force_custom_plan}), in the same first statement. A connection keeps its
     * statements prepared for its whole life, and PostgreSQL's default would, after five executions, keep a
     * generic plan of the merge query made from the statistics of that moment: on a new database, plans for
     * empty tables, which then scanned every recent incident instead of the few the spatial index finds
     * (intake fell from 55 to 38 reports a second within four minutes on a server without autovacuum).
     * Outside this transaction the default stands: when every connection planned every execution, planning
     * was a third of PostgreSQL's time in the intake benchmark.
     */
    public <T> Uni<T> inQueueingTransaction(java.time.Duration lockWait, Supplier<Uni<T>> work) {
        return sessions.withTransaction(session -> session.createNativeQuery(
                        "SELECT set_config('lock_timeout', :wait, true), set_config('plan_cache_mode', 'force_custom_plan', true)",
                        Object[].class)
                .setParameter("wait", lockWait.toMillis() + "ms")
                .getSingleResult()
                .chain(ignored -> work.get()));
    }

    /** Runs reads on one session (one connection), without a transaction of their own. */
    public <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return sessions.withSession(session -> work.get());
    }
}
