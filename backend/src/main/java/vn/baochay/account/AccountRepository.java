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
                   boolean active) {
    }

    Uni<Account> find(String username) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT username, display_name, password_hash, role, array_to_string(provinces, chr(31)), active
                        FROM dispatchers WHERE username = :username
                        """, Object[].class)
                .setParameter("username", username)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toAccount(rows.get(0))));
    }

    /** Creates the account, or (for demo accounts) brings an existing one back to the given values. */
    Uni<Void> upsert(Account account, boolean overwrite, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery(overwrite ? """
                        INSERT INTO dispatchers (id, username, display_name, password_hash, role, provinces, created_at)
                        VALUES (:id, :username, :name, :hash, :role, string_to_array(:provinces, chr(31)), :now)
                        ON CONFLICT (username) DO UPDATE SET display_name = excluded.display_name,
                            password_hash = excluded.password_hash, role = excluded.role,
                            provinces = excluded.provinces, active = true
                        """ : """
                        INSERT INTO dispatchers (id, username, display_name, password_hash, role, provinces, created_at)
                        VALUES (:id, :username, :name, :hash, :role, string_to_array(:provinces, chr(31)), :now)
                        ON CONFLICT (username) DO NOTHING
                        """)
                .setParameter("id", UUID.randomUUID())
                .setParameter("username", account.username())
                .setParameter("name", account.displayName())
                .setParameter("hash", account.passwordHash())
                .setParameter("role", account.role().name())
                .setParameter("provinces", String.join("\u001f", account.provinces()))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    private static Account toAccount(Object[] row) {
        String provinces = (String) row[4];
        return new Account((String) row[0], (String) row[1], (String) row[2], Role.valueOf((String) row[3]),
                provinces == null || provinces.isEmpty() ? List.of() : Arrays.asList(provinces.split("\u001f")),
                (Boolean) row[5]);
    }
}
