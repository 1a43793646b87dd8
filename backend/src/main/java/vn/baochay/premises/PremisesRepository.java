package vn.baochay.premises;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.JsonText;
import vn.baochay.common.SqlValues;

/**
 * The {@code premises} registry, read with its transmitter's status ({@code transmitter_status}). A deleted
 * premises is never read here again except by id for an incident that names it ({@link #card}).
 */
@ApplicationScoped
class PremisesRepository {

    private static final String COLUMNS = """
            p.id, p.account_id, p.name, p.address, p.lat, p.lon, p.province, p.floors, p.contacts::text, p.notes,
            p.demo, p.aes_key IS NOT NULL, p.reporting_interval_s, p.version, p.created_at, p.updated_at,
            s.state, s.since, s.last_signal_at, s.fault_code, s.fault_zone, s.fault_format,
            array_to_string(p.owner_device_ids, ',')
            """;
    private static final TypeReference<List<Contact>> CONTACTS = new TypeReference<>() { };

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    PremisesRepository(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** Whether a live premises other than {@code except} (null: any) uses the account. */
    Uni<Boolean> accountInUse(String accountId, UUID except) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT count(*) FROM premises
                        WHERE account_id = :account AND deleted_at IS NULL AND id IS DISTINCT FROM CAST(:except AS uuid)
                        """, Long.class)
                .setParameter("account", accountId)
                .setParameter("except", except)
                .getSingleResult()
                .map(count -> count > 0));
    }

    /** Inserts the premises and its transmitter's status (UNKNOWN until it is heard from). */
    Uni<Void> insert(UUID id, NewPremises p, byte[] key, boolean demo, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        WITH inserted AS (
                            INSERT INTO premises (id, account_id, name, address, lat, lon, floors, contacts, notes, aes_key,
                                reporting_interval_s, demo, owner_device_ids, created_at, updated_at)
                            VALUES (:id, :account, :name, :address, :lat, :lon, CAST(:floors AS integer),
                                CAST(CAST(:contacts AS text) AS jsonb), CAST(:notes AS text), CAST(:key AS bytea),
                                CAST(:interval AS integer), :demo, CAST(CAST(:owners AS text) AS uuid[]), :now, :now)
                            RETURNING id)
                        INSERT INTO transmitter_status (premises_id, state, since)
                        SELECT id, 'UNKNOWN', :now FROM inserted
                        """)
                .setParameter("id", id)
                .setParameter("account", p.account())
                .setParameter("name", p.name().strip())
                .setParameter("address", p.address().strip())
                .setParameter("lat", p.location().lat())
                .setParameter("lon", p.location().lon())
                .setParameter("floors", p.floors())
                .setParameter("contacts", JsonText.write(json, p.contactList()))
                .setParameter("notes", p.notesOrNull())
                .setParameter("key", key)
                .setParameter("interval", p.reportingIntervalSeconds())
                .setParameter("demo", demo)
                .setParameter("owners", uuidArray(p.owners()))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }

    /**
     * Replaces the premises' fields if it is live and at {@code version}; the key only when {@code setKey}.
     * Answers whether it did.
     */
    Uni<Boolean> update(UUID id, long version, NewPremises p, boolean setKey, byte[] key, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE premises SET account_id = :account, name = :name, address = :address, lat = :lat,
                            lon = :lon, floors = CAST(:floors AS integer), contacts = CAST(CAST(:contacts AS text) AS jsonb),
                            notes = CAST(:notes AS text), reporting_interval_s = CAST(:interval AS integer),
                            aes_key = CASE WHEN :setKey THEN CAST(:key AS bytea) ELSE aes_key END,
                            owner_device_ids = CASE WHEN :setOwners THEN CAST(CAST(:owners AS text) AS uuid[]) ELSE owner_device_ids END,
                            updated_at = :now, version = version + 1
                        WHERE id = :id AND version = :version AND deleted_at IS NULL
                        """)
                .setParameter("id", id)
                .setParameter("version", version)
                .setParameter("account", p.account())
                .setParameter("name", p.name().strip())
                .setParameter("address", p.address().strip())
                .setParameter("lat", p.location().lat())
                .setParameter("lon", p.location().lon())
                .setParameter("floors", p.floors())
                .setParameter("contacts", JsonText.write(json, p.contactList()))
                .setParameter("notes", p.notesOrNull())
                .setParameter("interval", p.reportingIntervalSeconds())
                .setParameter("setKey", setKey)
                .setParameter("key", key)
                .setParameter("setOwners", p.setsOwners())
                .setParameter("owners", uuidArray(p.owners()))
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .map(rows -> rows == 1));
    }

    /** Marks it deleted: no longer listed, its account free, its transmitter's signals no longer taken. */
    Uni<Boolean> delete(UUID id, Instant now) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE premises SET deleted_at = :now, updated_at = :now, version = version + 1
                        WHERE id = :id AND deleted_at IS NULL
                        """)
                .setParameter("id", id)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .map(rows -> rows == 1));
    }

    /** The live premises, or null. */
    Uni<Premises> find(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("SELECT " + COLUMNS + """
                         FROM premises p JOIN transmitter_status s ON s.premises_id = p.id
                        WHERE p.id = :id AND p.deleted_at IS NULL
                        """, Object[].class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : premises(rows.get(0))));
    }

    /** The premises an incident names, deleted or not (its record must stay readable), or null. */
    Uni<Premises> findEvenDeleted(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("SELECT " + COLUMNS + """
                         FROM premises p JOIN transmitter_status s ON s.premises_id = p.id
                        WHERE p.id = :id
                        """, Object[].class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : premises(rows.get(0))));
    }

    /** Live premises in {@code provinces} (every province when {@code all}), by name. */
    Uni<List<Premises>> list(boolean all, Set<String> provinces) {
        return sessions.withSession(session -> session.createNativeQuery("SELECT " + COLUMNS + """
                         FROM premises p JOIN transmitter_status s ON s.premises_id = p.id
                        WHERE p.deleted_at IS NULL AND (:all OR p.province = ANY(CAST(:provinces AS text[])))
                        ORDER BY p.province NULLS LAST, p.name, p.id
                        """, Object[].class)
                .setParameter("all", all)
                .setParameter("provinces", provinces.toArray(String[]::new))
                .getResultList()
                .map(this::premisesList));
    }

    /**
     * Live premises whose transmitter is in one of {@code states} (every state when {@code states} is empty),
     * in {@code provinces} (all when {@code all}): longest in their state first.
     */
    Uni<List<Premises>> board(boolean all, Set<String> provinces, Set<DeviceStatus.State> states) {
        return sessions.withSession(session -> session.createNativeQuery("SELECT " + COLUMNS + """
                         FROM premises p JOIN transmitter_status s ON s.premises_id = p.id
                        WHERE p.deleted_at IS NULL AND (:all OR p.province = ANY(CAST(:provinces AS text[])))
                          AND (:anyState OR s.state = ANY(CAST(:states AS text[])))
                        ORDER BY s.since, p.name, p.id
                        LIMIT 2000
                        """, Object[].class)
                .setParameter("all", all)
                .setParameter("provinces", provinces.toArray(String[]::new))
                .setParameter("anyState", states.isEmpty())
                .setParameter("states", states.stream().map(Enum::name).toArray(String[]::new))
                .getResultList()
                .map(this::premisesList));
    }

    /** The live premises registered with this transmitter account, or null. */
    Uni<Transmitter> transmitter(String accountId) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT id, account_id, name, lat, lon, aes_key FROM premises
                        WHERE account_id = :account AND deleted_at IS NULL
                        """, Object[].class)
                .setParameter("account", accountId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new Transmitter((UUID) rows.get(0)[0], (String) rows.get(0)[1],
                        (String) rows.get(0)[2], ((Number) rows.get(0)[3]).doubleValue(),
                        ((Number) rows.get(0)[4]).doubleValue(), (byte[]) rows.get(0)[5])));
    }

    /** How many of {@code ids} are registered devices. */
    Uni<Long> registeredDevices(List<UUID> ids) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(*) FROM devices WHERE id = ANY(CAST(CAST(:ids AS text) AS uuid[]))", Long.class)
                .setParameter("ids", uuidArray(ids))
                .getSingleResult());
    }

    /** A uuid[] literal ({a,b}): bound as text and cast, as the reactive driver binds no Java arrays here. */
    private static String uuidArray(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }

    private List<Premises> premisesList(List<Object[]> rows) {
        List<Premises> list = new ArrayList<>(rows.size());
        rows.forEach(row -> list.add(premises(row)));
        return list;
    }

    private Premises premises(Object[] row) {
        Integer interval = row[12] == null ? null : ((Number) row[12]).intValue();
        DeviceStatus.Fault fault = row[19] == null ? null
                : new DeviceStatus.Fault((String) row[19], (String) row[20], (String) row[21]);
        DeviceStatus status = new DeviceStatus(DeviceStatus.State.valueOf((String) row[16]), SqlValues.instant(row[17]),
                SqlValues.instant(row[18]), fault, interval);
        return new Premises((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                new GeoPoint(((Number) row[4]).doubleValue(), ((Number) row[5]).doubleValue()), (String) row[6],
                row[7] == null ? null : ((Number) row[7]).intValue(), JsonText.read(json, (String) row[8], CONTACTS),
                (String) row[9], Boolean.TRUE.equals(row[10]), Boolean.TRUE.equals(row[11]), interval, status,
                ((Number) row[13]).longValue(), SqlValues.instant(row[14]), SqlValues.instant(row[15]),
                row[22] == null || ((String) row[22]).isEmpty() ? List.of()
                        : java.util.Arrays.stream(((String) row[22]).split(",")).map(UUID::fromString).toList());
    }
}
