package vn.baochay.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Actor;
import vn.baochay.common.NotFound;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;

/** What administrators do to accounts; each change is audited, and the sessions it affects are told. */
@ApplicationScoped
public class AdminService {

    private final Transactions transactions;
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final SessionCheck check;
    private final AuditTrail audit;
    private final io.vertx.mutiny.core.Vertx vertx;

    AdminService(Transactions transactions, AccountRepository accounts, SessionRepository sessions,
                 SessionCheck check, AuditTrail audit, io.vertx.mutiny.core.Vertx vertx) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.sessions = sessions;
        this.check = check;
        this.audit = audit;
        this.vertx = vertx;
    }

    public record AccountView(String username, String displayName, String role, List<String> provinces,
                              boolean active, boolean demo) {
        static AccountView of(AccountRepository.Account a) {
            return new AccountView(a.username(), a.displayName(), a.role().name(), a.provinces(), a.active(), a.demo());
        }
    }

    public Uni<List<AccountView>> list() {
        return accounts.all().map(list -> list.stream().map(AccountView::of).toList());
    }

    public Uni<AccountView> create(AdminResource.NewAccount account, Actor actor) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> Passwords.hash(account.password())))
                .chain(hash -> {
                    var created = new AccountRepository.Account(account.username(), account.displayName().strip(),
                            hash, account.role(), List.copyOf(account.provinces()), true, false);
                    return transactions.inTransaction(() -> accounts.createIfAbsent(created, false, Instant.now())
                            .chain(() -> accounts.find(account.username()))
                            .call(stored -> stored.passwordHash().equals(hash)
                                    ? audit.record(actor, "ACCOUNT_CREATED", null, null, Map.of(
                                            "username", account.username(), "role", account.role().name(),
                                            "provinces", account.provinces()))
                                    : Uni.createFrom().failure(Rejection.invalid("username", "is taken"))))
                            .map(AccountView::of);
                });
    }

    /**
     * Changes what is given. Deactivating, or setting a new password, ends the account's sessions at
     * once (its sockets close with 4401); a new role or provinces applies to its next call and its
     * sockets are closed so that consoles reconnect with what the account covers now.
     */
    public Uni<AccountView> change(String username, AdminResource.AccountChange change, Actor actor) {
        Uni<String> hash = change.password() == null ? Uni.createFrom().nullItem()
                : vertx.executeBlocking(Uni.createFrom().item(() -> Passwords.hash(change.password())));
        return hash.chain(newHash -> transactions.inTransaction(() -> accounts.find(username)
                .onItem().ifNull().failWith(() -> new NotFound("account", username))
                .chain(before -> accounts.update(username, change.displayName() == null ? null
                                : change.displayName().strip(), newHash, change.role(),
                                change.provinces(), change.active(), Instant.now())
                        .chain(() -> accounts.find(username))
                        .call(after -> audit.record(actor, "ACCOUNT_CHANGED", null, null, changes(before, after,
                                newHash != null))))))
                .call(after -> {
                    boolean endSessions = !after.active() || change.password() != null;
                    if (endSessions) {
                        return sessions.revokeAll(username, "ACCOUNT_CHANGED", Instant.now())
                                .invoke(ids -> check.ended(ids, username));
                    }
                    check.changed(username);
                    return Uni.createFrom().voidItem();
                })
                .map(AccountView::of);
    }

    private static Map<String, Object> changes(AccountRepository.Account before, AccountRepository.Account after,
                                               boolean password) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("username", after.username());
        if (!before.role().equals(after.role())) {
            detail.put("role", after.role().name());
        }
        if (!Set.copyOf(before.provinces()).equals(Set.copyOf(after.provinces()))) {
            detail.put("provinces", after.provinces());
        }
        if (before.active() != after.active()) {
            detail.put("active", after.active());
        }
        if (!before.displayName().equals(after.displayName())) {
            detail.put("displayName", after.displayName());
        }
        if (password) {
            detail.put("password", "changed");
        }
        return detail;
    }
}
