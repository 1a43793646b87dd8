package vn.baochay.account;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.AnnotatedElement;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import vn.baochay.common.ClientAddress;

/**
 * On every endpoint that requires a login, after the token's signature and expiry were checked: its
 * session must still be live and its account active ({@link SessionCheck}); the acting dispatcher, as
 * the database has them now, is then in {@link SignedIn}. Citizen endpoints carry their own secrets
 * and are not touched.
 */
class SessionFilter {

    private final JsonWebToken token;
    private final SessionCheck sessions;
    private final SignedIn signedIn;
    private final ClientAddress addresses;

    SessionFilter(JsonWebToken token, SessionCheck sessions, SignedIn signedIn, ClientAddress addresses) {
        this.token = token;
        this.sessions = sessions;
        this.signedIn = signedIn;
        this.addresses = addresses;
    }

    @ServerRequestFilter
    Uni<Void> checkSession(ResourceInfo resource, HttpServerRequest request) {
        if (!requiresLogin(resource)) {
            return Uni.createFrom().voidItem();
        }
        UUID session = Tokens.session(token);
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        return sessions.actor(session, addresses.of(request))
                .invoke(actor -> signedIn.set(actor, session, expires))
                .replaceWithVoid();
    }

    private static boolean requiresLogin(ResourceInfo resource) {
        return resource.getResourceMethod() != null
                && (secured(resource.getResourceMethod()) || secured(resource.getResourceClass()));
    }

    private static boolean secured(AnnotatedElement element) {
        return element != null && (element.isAnnotationPresent(Authenticated.class)
                || element.isAnnotationPresent(RolesAllowed.class));
    }
}
