package vn.baochay.account;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.baochay.common.Actor;

/**
 * Signed tokens (SmallRye JWT, RS256). An access token (audience {@value #ACCESS}) authenticates
 * REST calls for a shift; a live ticket (audience {@value #LIVE}) opens one WebSocket within a
 * minute, so a long-lived token never travels in a URL. Neither is accepted in the other's place.
 */
@ApplicationScoped
public class Tokens {

    public static final String ISSUER = "https://baochay.vn";
    public static final String ACCESS = "baochay-dispatch";
    public static final String LIVE = "baochay-live";

    private final JWTParser parser;
    private final JWTAuthContextInfo liveContext;

    Tokens(JWTParser parser, JWTAuthContextInfo context) {
        this.parser = parser;
        this.liveContext = new JWTAuthContextInfo(context);
        this.liveContext.setExpectedAudience(Set.of(LIVE));
    }

    String access(String username, String displayName, Role role, Collection<String> provinces, Instant now,
                  Instant expires) {
        return Jwt.issuer(ISSUER).audience(ACCESS).upn(username).subject(username).groups(role.name())
                .claim("name", displayName).claim("provinces", provinces)
                .issuedAt(now).expiresAt(expires).sign();
    }

    String liveTicket(Actor actor, Instant now, Instant expires) {
        return Jwt.issuer(ISSUER).audience(LIVE).upn(actor.username()).subject(actor.username()).groups(actor.role())
                .claim("provinces", actor.provinces()).issuedAt(now).expiresAt(expires).sign();
    }

    /** The dispatcher a live ticket stands for, or null when it is missing, forged, expired or not a ticket. */
    public Actor verifyLiveTicket(String ticket, String address) {
        if (ticket == null || ticket.isBlank()) {
            return null;
        }
        try {
            return actor(parser.parse(ticket, liveContext), address);
        } catch (ParseException e) {
            return null;
        }
    }

    /** The acting dispatcher of a verified token. */
    public static Actor actor(JsonWebToken token, String address) {
        String role = token.getGroups().stream().findFirst().orElse(Role.DISPATCHER.name());
        Set<String> provinces = new LinkedHashSet<>();
        Object claim = token.getClaim("provinces");
        if (claim instanceof JsonArray array) {
            array.forEach(v -> provinces.add(((JsonString) v).getString()));
        } else if (claim instanceof Collection<?> list) {
            list.forEach(v -> provinces.add(String.valueOf(v)));
        }
        return new Actor(token.getName(), role, Set.copyOf(provinces), address);
    }
}
