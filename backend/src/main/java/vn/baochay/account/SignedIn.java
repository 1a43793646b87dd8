package vn.baochay.account;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import java.util.UUID;
import vn.baochay.common.Actor;

/**
 * The dispatcher acting in this request, as {@link SessionFilter} checked them: their session, and
 * their role and provinces as the database has them now.
 */
@RequestScoped
public class SignedIn {

    private Actor actor;
    private UUID session;
    private Instant accessExpires;

    void set(Actor actor, UUID session, Instant accessExpires) {
        this.actor = actor;
        this.session = session;
        this.accessExpires = accessExpires;
    }

    /** The acting dispatcher; only on endpoints that require a login. */
    public Actor actor() {
        if (actor == null) {
            throw new IllegalStateException("No checked session in this request: is the endpoint @Authenticated?");
        }
        return actor;
    }

    UUID session() {
        actor();
        return session;
    }

    Instant accessExpires() {
        actor();
        return accessExpires;
    }
}
