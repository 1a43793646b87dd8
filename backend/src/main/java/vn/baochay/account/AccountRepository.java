package vn.baochay.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

@ApplicationScoped
class AccountRepository {

    private final Mutiny.SessionFactory sessions;

    AccountRepository(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    record Account(String username, String displayName, String passwordHash, Role role, List<String> provinces,
                   boolean active, boolean demo) {
    }

    private static final String COLUMNS =
            "username, display_name, password_hash, role, array_to_string(provinces, chr(31)), active, demo";

    Uni<Account> find(String username) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM dispatchers WHERE username = :username", Object[].class)
                .setParameter("username", username)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toAccount(rows.get(0))));
    }

    /** Creates the account unless one with its username exists; an existing account is never changed. */
    Uni<Void> createIfAbsent(Account account, boolean demo, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO dispatchers (id, username, display_name, password_hash, role, provinces, created_at,
                                                 demo)
                        VALUES (:id, :username, :name, :hash, :role, string_to_array(:provinces, chr(31)), :now, :demo)
                        ON CONFLICT (username) DO NOTHING
                        """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("username", account.username())
                .setParameter("name", account.displayName())
                .setParameter("hash", account.passwordHash())
                .setParameter("role", account.role().name())
                .setParameter("provinces", String.join("\u001f", account.provinces()))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("demo", demo)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<List<Account>> all() {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT " + COLUMNS + " FROM dispatchers ORDER BY username", Object[].class)
                .getResultList()
                .map(rows -> rows.stream().map(AccountRepository::toAccount).toList()));
    }

    /** Sets what is not null; provinces are replaced whole. */
    Uni<Void> update(String username, String displayName, String passwordHash, Role role, List<String> provinces,
                     Boolean active, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE dispatchers SET
                            display_name = coalesce(CAST(:name AS text), display_name),
                            password_hash = coalesce(CAST(:hash AS text), password_hash),
                            role = coalesce(CAST(:role AS text), role),
                            provinces = CASE WHEN CAST(:replace AS boolean) THEN string_to_array(:provinces, chr(31))
                                             ELSE provinces END,
                            active = coalesce(CAST(:active AS boolean), active),
                            changed_at = :now
                        WHERE username = :username
                        """)
                .setParameter("name", displayName)
                .setParameter("hash", passwordHash)
                .setParameter("role", role == null ? null : role.name())
                .setParameter("replace", provinces != null)
                .setParameter("provinces", provinces == null ? "" : String.join("\u001f", provinces))
                .setParameter("active", active)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("username", username)
                .executeUpdate()
                .replaceWithVoid());
    }

    Uni<List<String>> activeDemoAccounts() {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT username FROM dispatchers WHERE demo AND active ORDER BY username", String.class)
                .getResultList());
    }

    private static Account toAccount(Object[] row) {
        String provinces = (String) row[4];
        return new Account((String) row[0], (String) row[1], (String) row[2], Role.valueOf((String) row[3]),
                provinces == null || provinces.isEmpty() ? List.of() : Arrays.asList(provinces.split("\u001f")),
                (Boolean) row[5], (Boolean) row[6]);
    }
}
