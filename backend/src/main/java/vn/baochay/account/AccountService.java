package vn.baochay.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Actor;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** Dispatcher log-in: checks the password, issues the token, and slows down guessing. */
@ApplicationScoped
public class AccountService {

    private final AccountRepository accounts;
    private final Tokens tokens;
    private final AuthConfig config;
    private final AuditTrail audit;
    private final io.vertx.mutiny.core.Vertx vertx;
    /** Recent failed logins per username; kept per instance, which is enough to make guessing slow. */
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    record Failures(int count, Instant lockedUntil) {
    }

    private static final int MAX_TRACKED_USERNAMES = 10_000;

    AccountService(AccountRepository accounts, Tokens tokens, AuthConfig config,
                   AuditTrail audit, io.vertx.mutiny.core.Vertx vertx) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.config = config;
        this.audit = audit;
        this.vertx = vertx;
    }

    public record Dispatcher(String username, String displayName, String role, List<String> provinces) {
    }

    public record Login(String token, Instant expiresAt, Dispatcher dispatcher) {
    }

    public record LiveTicket(String ticket, Instant expiresAt) {
    }

    /**
     * A token for a right username and password of an active account. A wrong one answers
     * {@link Reason#INVALID_CREDENTIALS} without saying which part was wrong; after
     * {@code max-failed-logins} failures the username is refused for {@code lockout}.
     */
    public Uni<Login> login(String username, String password, String address) {
        String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
        // Token times are checked by the JWT library against the real clock, so they come from it too.
        Instant now = Instant.now();
        Failures failed = failures.get(name);
        if (failed != null && failed.lockedUntil() != null && failed.lockedUntil().isAfter(now)) {
            return Uni.createFrom().failure(new Rejection(Reason.TOO_MANY_ATTEMPTS,
                    "Too many failed logins for " + name + "; try again after " + failed.lockedUntil()));
        }
        return accounts.find(name)
                // bcrypt is slow on purpose: it runs on a worker, and the answer comes back on this context.
                .chain(account -> vertx.executeBlocking(Uni.createFrom().item(() -> checks(account, password)))
                        .chain(ok -> ok ? succeed(account, address, now) : fail(name, address, now)));
    }

    /** Always runs one bcrypt check, so an unknown username takes as long to refuse as a wrong password. */
    private static boolean checks(AccountRepository.Account account, String password) {
        String hash = account == null ? Passwords.DUMMY_HASH : account.passwordHash();
        boolean matches = Passwords.matches(password == null ? "" : password, hash);
        return matches && account != null && account.active();
    }

    private Uni<Login> succeed(AccountRepository.Account account, String address, Instant now) {
        failures.remove(account.username());
        Instant expires = now.plus(config.tokenLifetime());
        String token = tokens.access(account.username(), account.displayName(), account.role(), account.provinces(),
                now, expires);
        return audit.record(account.username(), address, "LOGIN", null, null, Map.of())
                .replaceWith(new Login(token, expires, new Dispatcher(account.username(), account.displayName(),
                        account.role().name(), account.provinces())));
    }

    private Uni<Login> fail(String username, String address, Instant now) {
        if (failures.size() > MAX_TRACKED_USERNAMES) {
            // Guessing across many made-up usernames must not grow memory without bound.
            failures.values().removeIf(f -> f.lockedUntil() == null || f.lockedUntil().isBefore(now));
        }
        Failures next = failures.merge(username, new Failures(1, null), (old, one) -> old.count() + 1 >= config.maxFailedLogins()
                ? new Failures(0, now.plus(config.lockout()))
                : new Failures(old.count() + 1, null));
        return audit.record(username, address, "LOGIN_FAILED", null, null,
                        next.lockedUntil() == null ? Map.of() : Map.of("lockedUntil", next.lockedUntil().toString()))
                .chain(() -> Uni.createFrom().failure(new Rejection(Reason.INVALID_CREDENTIALS,
                        "Wrong username or password")));
    }

    /** A short-lived ticket to open the live feed (browsers cannot put a token in a WebSocket header). */
    public LiveTicket liveTicket(Actor actor) {
        Instant now = Instant.now();
        Instant expires = now.plus(config.liveTicketLifetime());
        return new LiveTicket(tokens.liveTicket(actor, now, expires), expires);
    }
}
