package vn.baochay.account;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import vn.baochay.common.Actor;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * Whether a session may still act, and as whom: checked on every authenticated call and for every open
 * socket. The state (revoked? account active? role, provinces) is read from the database and reused
 * for at most {@code baochay.auth.session-check}; changes made on this instance apply at once, those
 * made on another within that time. Who the actor is, and what they cover, always comes from here,
 * never from a token's claims. Times are the real clock's, as the token library's are.
 */
@ApplicationScoped
public class SessionCheck {

    private static final Logger LOG = Logger.getLogger(SessionCheck.class);
    private static final int MAX_CACHED = 20_000;

    private final SessionRepository sessions;
    private final AuthConfig config;
    private final Vertx vertx;
    private final Event<SessionsEnded> ended;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(SessionRepository.State state, long loadedAt) {
    }

    /** Sessions that ended on this instance (logout, refresh reuse, an administrator): their sockets close now. */
    public record SessionsEnded(Set<UUID> sessions, String username) {
    }

    SessionCheck(SessionRepository sessions, AuthConfig config, Vertx vertx, Event<SessionsEnded> ended) {
        this.sessions = sessions;
        this.config = config;
        this.vertx = vertx;
        this.ended = ended;
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(config.sessionCheck().toMillis(), id -> {
            long now = System.nanoTime();
            cache.values().removeIf(c -> now - c.loadedAt() > config.sessionCheck().toNanos());
        });
    }

    /** The acting dispatcher of a session, or a refusal (401) when it may no longer act. */
    public Uni<Actor> actor(UUID session, String address) {
        return actorOrNull(session, address).onItem().ifNull().failWith(() -> new Rejection(Reason.UNAUTHENTICATED,
                "Your session has ended (logged out, expired, or the account was changed): log in again"));
    }

    /** The acting dispatcher of a session, or null when it may no longer act. */
    public Uni<Actor> actorOrNull(UUID session, String address) {
        if (session == null) {
            return Uni.createFrom().nullItem();
        }
        return state(session).map(state -> state == null || !state.valid(Instant.now()) ? null
                : new Actor(state.username(), state.role().name(), Set.copyOf(state.provinces()), address));
    }

    Uni<SessionRepository.State> state(UUID session) {
        Cached cached = cache.get(session);
        if (cached != null && System.nanoTime() - cached.loadedAt() < config.sessionCheck().toNanos()) {
            return Uni.createFrom().item(cached.state());
        }
        return sessions.state(session).invoke(state -> {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(session, new Cached(state, System.nanoTime()));
        });
    }

    /** Forgets what was read of these sessions and tells this instance's sockets they ended. */
    void ended(List<UUID> ids, String username) {
        ids.forEach(cache::remove);
        if (!ids.isEmpty()) {
            LOG.infof("Ended %d session(s) of %s", ids.size(), username);
            ended.fire(new SessionsEnded(Set.copyOf(ids), username));
        }
    }

    /** An account changed (role, provinces): re-read its sessions next time, here at once. */
    void changed(String username) {
        cache.values().removeIf(c -> c.state() != null && c.state().username().equals(username));
        ended.fire(new SessionsEnded(Set.of(), username));
    }
}
