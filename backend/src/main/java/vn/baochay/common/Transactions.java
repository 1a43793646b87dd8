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

    /** Runs reads on one session (one connection), without a transaction of their own. */
    public <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return sessions.withSession(session -> work.get());
    }
}
