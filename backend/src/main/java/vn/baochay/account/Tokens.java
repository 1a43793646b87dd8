package vn.baochay.account;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Signed tokens (SmallRye JWT, RS256). An access token (audience {@value #ACCESS}) authenticates
 * REST calls for at most 15 minutes and names its session ({@code sid}), which the server checks on
 * every call ({@link SessionCheck}); a live ticket (audience {@value #LIVE}) opens or renews one
 * WebSocket, once, within a minute, so an access token never travels in a URL. Neither is accepted
 * in the other's place. Who the dispatcher is and what they cover always comes from the database,
 * never from a claim, so a change of role or provinces applies without waiting for tokens to expire.
 */
@ApplicationScoped
public class Tokens {

    public static final String ISSUER = "https://baochay.vn";
    public static final String ACCESS = "baochay-dispatch";
    public static final String LIVE = "baochay-live";
    static final String SESSION = "sid";
    /** The end of the access token a ticket was taken with: a socket lives no longer than its token. */
    static final String ACCESS_EXPIRES = "access_exp";

    private final JWTParser parser;
    private final JWTAuthContextInfo liveContext;

    Tokens(JWTParser parser, JWTAuthContextInfo context) {
        this.parser = parser;
        this.liveContext = new JWTAuthContextInfo(context);
        this.liveContext.setExpectedAudience(Set.of(LIVE));
    }

    /** A verified live ticket: whose, of which session, usable once (jti), for a socket until accessExpires. */
    public record Ticket(String username, UUID session, UUID id, Instant accessExpires) {
    }

    String access(String username, String displayName, Role role, UUID session, Instant now, Instant expires) {
        return Jwt.issuer(ISSUER).audience(ACCESS).upn(username).subject(username).groups(role.name())
                .claim("name", displayName).claim(SESSION, session.toString())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now).expiresAt(expires).sign();
    }

    String liveTicket(String username, UUID session, Instant accessExpires, Instant now, Instant expires) {
        return Jwt.issuer(ISSUER).audience(LIVE).upn(username).subject(username)
                .claim(SESSION, session.toString()).claim(ACCESS_EXPIRES, accessExpires.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now).expiresAt(expires).sign();
    }

    /** The ticket's claims when its signature, audience and expiry are right; null otherwise. Not yet used up. */
    Ticket verifyLiveTicket(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 4096) {
            return null;
        }
        try {
            JsonWebToken token = parser.parse(ticket, liveContext);
            UUID session = uuid(token.getClaim(SESSION));
            UUID id = uuid(token.getTokenID());
            Object accessExpires = token.getClaim(ACCESS_EXPIRES);
            if (session == null || id == null || accessExpires == null) {
                return null;
            }
            long seconds = accessExpires instanceof jakarta.json.JsonNumber n ? n.longValue()
                    : Long.parseLong(String.valueOf(accessExpires));
            return new Ticket(token.getName(), session, id, Instant.ofEpochSecond(seconds));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** The session an access token belongs to, or null for a token without one. */
    static UUID session(JsonWebToken token) {
        return uuid(token.getClaim(SESSION));
    }

    private static UUID uuid(Object claim) {
        if (claim == null) {
            return null;
        }
        String text = claim instanceof jakarta.json.JsonString s ? s.getString() : String.valueOf(claim);
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
