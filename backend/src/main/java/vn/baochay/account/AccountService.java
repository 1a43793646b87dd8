package vn.baochay.account;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Secrets;

/**
 * Dispatcher log-in, sessions and live tickets.
 *
 * <p>Guessing is slowed in the database, so every instance counts together, and before any password
 * is checked, so parallel guesses count too: per (username, address), per address, and per username
 * from anywhere, after which that username may log in only from addresses it has logged in from before
 * (the dispatcher at their own console still gets in while their username is hammered from elsewhere).
 * An unknown username costs the same as a known one and leaves no audit record.
 *
 * <p>A log-in opens a session of at most one shift. Access tokens last 15 minutes; refresh tokens
 * rotate on every use, are kept only as hashes, and a refresh token used twice ends the session.
 *
 * <p>Longer than most classes: log-in, refresh, log-out and live tickets are one session lifecycle with
 * shared checks.
 */
@ApplicationScoped
public class AccountService {

    private static final Logger LOG = Logger.getLogger(AccountService.class);
    private static final String REFRESH_DOMAIN = "baochay:refresh-token";

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final SessionCheck check;
    private final Tokens tokens;
    private final AuthConfig config;
    private final AuditTrail audit;
    private final Vertx vertx;

    AccountService(AccountRepository accounts, SessionRepository sessions, SessionCheck check, Tokens tokens,
                   AuthConfig config, AuditTrail audit, Vertx vertx) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.check = check;
        this.tokens = tokens;
        this.config = config;
        this.audit = audit;
        this.vertx = vertx;
    }

    public record Dispatcher(String username, String displayName, String role, List<String> provinces) {
    }

    /** What a log-in or a refresh answers: a short access token and the next refresh token. */
    public record Login(String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt,
                        Dispatcher dispatcher) {
    }

    public record LiveTicket(String ticket, Instant expiresAt) {
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(Duration.ofMinutes(5).toMillis(), id -> sessions.purge(Instant.now(), config.loginWindow())
                .subscribe().with(ok -> { }, failure -> LOG.debugf("Could not purge expired sessions: %s", failure)));
    }

    /**
     * A session for a right username and password of an active account. A wrong one answers
     * {@link Reason#INVALID_CREDENTIALS} without saying which part was wrong; too many attempts answer
     * {@link Reason#TOO_MANY_ATTEMPTS} with when to try again, before any password is checked.
     */
    public Uni<Login> login(String username, String password, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        String pair = "user:" + name + "|" + address;
        return counted(pair, config.maxFailedLogins(), now, "for this username from your address")
                .call(() -> counted("addr:" + address, config.maxFailedLoginsPerAddress(), now, "from your address"))
                .call(() -> sessions.attempt("name:" + name, now, config.loginWindow())
                        .chain(attempts -> attempts.count() <= config.maxFailedLoginsPerUsername()
                                ? Uni.createFrom().voidItem()
                                : sessions.knownAddress(name, address).invoke(known -> {
                                    if (!known) {
                                        throw tooMany(attempts, now, "for this username; it can still log in from "
                                                + "the addresses it has logged in from before");
                                    }
                                }).replaceWithVoid()))
                .chain(attemptsHere -> accounts.find(name)
                        // bcrypt is slow on purpose: it runs on a worker, and the answer comes back on this context.
                        .chain(account -> vertx.executeBlocking(Uni.createFrom().item(() -> checks(account, password)))
                                .chain(ok -> ok ? open(account, address, now, pair, name)
                                        : failed(account, address, attemptsHere))));
    }

    /** Counts the attempt on {@code key}; refuses it, with when to try again, once over {@code max}. */
    private Uni<Integer> counted(String key, int max, Instant now, String where) {
        return sessions.attempt(key, now, config.loginWindow()).map(attempts -> {
            if (attempts.count() > max) {
                throw tooMany(attempts, now, where);
            }
            return attempts.count();
        });
    }

    private Rejection tooMany(SessionRepository.Attempts attempts, Instant now, String where) {
        Duration wait = Duration.between(now, attempts.windowStart().plus(config.loginWindow()));
        Duration retry = wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait;
        return new Rejection(Reason.TOO_MANY_ATTEMPTS, "Too many log-in attempts " + where + "; try again in "
                + Math.max(1, retry.toMinutes()) + " min", retry);
    }

    /** Always runs one bcrypt check, so an unknown username takes as long to refuse as a wrong password. */
    private static boolean checks(AccountRepository.Account account, String password) {
        String hash = account == null ? Passwords.DUMMY_HASH : account.passwordHash();
        boolean matches = Passwords.matches(password == null ? "" : password, hash);
        return matches && account != null && account.active();
    }

    /** A successful log-in: it was counted as an attempt, and is taken off again (only failures count). */
    private Uni<Login> open(AccountRepository.Account account, String address, Instant now, String pair,
                            String name) {
        UUID session = UUID.randomUUID();
        Instant sessionEnds = now.plus(config.sessionLifetime());
        String refresh = Secrets.generate();
        Instant refreshExpires = earlier(now.plus(config.refreshIdle()), sessionEnds);
        return sessions.forgetAttempts(pair)
                .chain(() -> sessions.forgiveAttempt("addr:" + address))
                .chain(() -> sessions.forgiveAttempt("name:" + name))
                .chain(() -> sessions.open(session, account.username(), now, sessionEnds, address,
                        Secrets.hash(REFRESH_DOMAIN, refresh), refreshExpires))
                .chain(() -> audit.record(account.username(), address, "LOGIN", null, null,
                        Map.of("session", session.toString())))
                .replaceWith(() -> issue(account.username(), account.displayName(), account.role(),
                        account.provinces(), session, sessionEnds, refresh, refreshExpires, now));
    }

    private Login issue(String username, String displayName, Role role, List<String> provinces, UUID session,
                        Instant sessionEnds, String refresh, Instant refreshExpires, Instant now) {
        Instant expires = earlier(now.plus(config.accessLifetime()), sessionEnds);
        String token = tokens.access(username, displayName, role, session, now, expires);
        return new Login(token, expires, refresh, refreshExpires,
                new Dispatcher(username, displayName, role.name(), provinces));
    }

    /**
     * A failed log-in. Only known accounts are audited, and only the first failure of a window and the
     * last one allowed, so guessing cannot grow the audit log without bound.
     */
    private Uni<Login> failed(AccountRepository.Account account, String address, int attemptsHere) {
        Uni<Void> recorded = account != null && (attemptsHere == 1 || attemptsHere == config.maxFailedLogins())
                ? audit.record(account.username(), address, "LOGIN_FAILED", null, null,
                        Map.of("attemptsInWindow", attemptsHere))
                : Uni.createFrom().voidItem();
        return recorded.chain(() -> Uni.createFrom().failure(new Rejection(Reason.INVALID_CREDENTIALS,
                "Wrong username or password")));
    }

    /**
     * The next access and refresh tokens for a refresh token used for the first time, in a session that
     * is still live. A refresh token used before ends its session (whoever holds the copy is locked out
     * with the rightful user, who logs in again).
     */
    public Uni<Login> refresh(String refreshToken, String address) {
        if (!Secrets.wellFormed(refreshToken)) {
            return Uni.createFrom().failure(refreshRefused());
        }
        Instant now = Instant.now();
        String next = Secrets.generate();
        Instant nextExpires = now.plus(config.refreshIdle());
        return sessions.rotate(Secrets.hash(REFRESH_DOMAIN, refreshToken), Secrets.hash(REFRESH_DOMAIN, next), now,
                        nextExpires)
                .chain(rotation -> switch (rotation.outcome()) {
                    case UNKNOWN -> Uni.createFrom().failure(refreshRefused());
                    case REUSED -> audit.record("-", address, "REFRESH_REUSED", null, null,
                                    Map.of("session", rotation.session().toString()))
                            .invoke(() -> check.ended(List.of(rotation.session()), "a reused refresh token"))
                            .chain(() -> Uni.createFrom().failure(new Rejection(Reason.UNAUTHENTICATED,
                                    "This refresh token was used before, so a copy of it exists: the session is "
                                            + "ended; log in again")));
                    case ROTATED -> sessions.state(rotation.session()).chain(state -> {
                        if (state == null || !state.valid(now)) {
                            return Uni.createFrom().failure(refreshRefused());
                        }
                        return Uni.createFrom().item(issue(state.username(), state.displayName(), state.role(),
                                state.provinces(), rotation.session(), state.expiresAt(), next,
                                earlier(nextExpires, state.expiresAt()), now));
                    });
                });
    }

    private static Rejection refreshRefused() {
        return new Rejection(Reason.UNAUTHENTICATED, "The refresh token is unknown, expired or its session ended: "
                + "log in again");
    }

    /** Ends the session of a refresh token (used or not): its refresh tokens stop working and its sockets close. */
    public Uni<Void> logout(String refreshToken, String address) {
        if (!Secrets.wellFormed(refreshToken)) {
            return Uni.createFrom().voidItem();
        }
        Instant now = Instant.now();
        return sessions.sessionOf(Secrets.hash(REFRESH_DOMAIN, refreshToken)).chain(found -> found == null
                ? Uni.createFrom().voidItem()
                : sessions.revoke(found.session(), "LOGOUT", now)
                        .chain(ended -> !ended ? Uni.createFrom().voidItem()
                                : audit.record(found.username(), address, "LOGOUT", null, null,
                                        Map.of("session", found.session().toString()))
                                        .invoke(() -> check.ended(List.of(found.session()), found.username()))));
    }

    /**
     * A ticket to open (or renew) one live socket, within a minute, once: browsers cannot put a token in
     * a WebSocket header, and a ticket in a URL must be worthless after use. The socket lives no longer
     * than the access token the ticket was taken with.
     */
    public LiveTicket liveTicket(SignedIn signedIn) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.liveTicketLifetime());
        return new LiveTicket(tokens.liveTicket(signedIn.actor().username(), signedIn.session(),
                signedIn.accessExpires(), now, expires), expires);
    }

    /** A live ticket's claims when it is genuine and unexpired, without using it up (null otherwise). */
    public Tokens.Ticket readTicket(String ticket) {
        return tokens.verifyLiveTicket(ticket);
    }

    /** A live ticket's claims, once: null when it is forged, expired, or was used before. */
    public Uni<Tokens.Ticket> useTicket(String ticket) {
        Tokens.Ticket verified = tokens.verifyLiveTicket(ticket);
        if (verified == null) {
            return Uni.createFrom().nullItem();
        }
        return sessions.useTicket(verified.id(), Instant.now().plus(config.liveTicketLifetime()))
                .map(first -> first ? verified : null);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
