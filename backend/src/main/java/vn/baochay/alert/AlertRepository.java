package vn.baochay.alert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.JsonText;
import vn.baochay.common.SqlValues;

/**
 * Alerts ({@code alerts}, the latest revision of each) and every CAP message published for them
 * ({@code alert_revisions}, append-only). Geometry is PostGIS's: a circle is kept as centre and
 * radius (exact on the ellipsoid) and approximated by a polygon, its footprint, for what needs one.
 *
 * <p>Longer than most classes: every query on alerts and their revisions, with the one binding of an
 * alert's columns that insert and update share.
 */
@ApplicationScoped
class AlertRepository {

    /** What PostGIS makes of an area: whether it is a usable shape, how large, where, and in which provinces. */
    record Shape(boolean valid, double areaKm2, String footprintWkt, List<String> provinces) {
    }

    private static final String COLUMNS = """
            id, revision, msg_type, state, event, severity, urgency, certainty, headline_vi, headline_en,
            instruction_vi, instruction_en, area::text, array_to_json(provinces)::text, incident_id, issued_by,
            issued_at, updated_by, sent_at, expires_at, cancel_reason
            """;

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    AlertRepository(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /** The area's footprint (a circle as a 64-sided polygon), its validity and size, and the provinces it touches. */
    Uni<Shape> shape(AlertArea area) {
        String footprint = area.isCircle()
                ? "ST_Buffer(ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :radius, 'quad_segs=16')::geometry"
                : "ST_GeomFromText(:wkt, 4326)";
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("""
                    WITH a AS (SELECT %s AS g)
                    SELECT ST_IsValid(a.g) AND ST_IsSimple(a.g), ST_Area(a.g::geography) / 1e6, ST_AsText(a.g),
                           (SELECT coalesce(json_agg(p.name ORDER BY p.name), '[]')::text FROM provinces p
                            WHERE ST_Intersects(p.geom, a.g))
                    FROM a
                    """.formatted(footprint), Object[].class);
            if (area.isCircle()) {
                query.setParameter("lon", area.circle().center().lon())
                        .setParameter("lat", area.circle().center().lat())
                        .setParameter("radius", area.circle().radiusM().doubleValue());
            } else {
                query.setParameter("wkt", area.polygonWkt());
            }
            return query.getSingleResult().map(row -> new Shape(Boolean.TRUE.equals(row[0]),
                    ((Number) row[1]).doubleValue(), (String) row[2],
                    JsonText.read(json, (String) row[3], new TypeReference<List<String>>() { })));
        });
    }

    Uni<Void> insert(StoredAlert a, String footprintWkt) {
        return sessions.withSession(session -> bind(session.createNativeQuery("""
                        INSERT INTO alerts (id, revision, msg_type, state, event, severity, urgency, certainty,
                            headline_vi, headline_en, instruction_vi, instruction_en, area, circle_center, circle_radius,
                            polygon, footprint, provinces, incident_id, issued_by, issued_at, updated_by, sent_at,
                            expires_at, cancel_reason)
                        VALUES (:id, :revision, :msgType, :state, :event, :severity, :urgency, :certainty,
                            :headlineVi, :headlineEn, :instructionVi, :instructionEn, CAST(CAST(:area AS text) AS jsonb),
                            CASE WHEN :circle THEN ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography END,
                            CASE WHEN :circle THEN CAST(:radius AS integer) END,
                            CASE WHEN :circle THEN NULL ELSE ST_GeomFromText(:polygon, 4326) END,
                            ST_GeomFromText(:footprint, 4326),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(CAST(:provinces AS text) AS jsonb))),
                            CAST(:incident AS uuid), :issuedBy, :issuedAt, :updatedBy, :sent, :expires, :cancelReason)
                        """), a, footprintWkt)
                .executeUpdate()
                .replaceWithVoid());
    }

    /**
     * Writes the alert's new revision over the old one (the old one stays in {@code alert_revisions});
     * a null {@code footprintWkt} keeps the stored footprint (the area did not change).
     */
    Uni<Void> update(StoredAlert a, String footprintWkt) {
        return sessions.withSession(session -> bind(session.createNativeQuery("""
                        UPDATE alerts SET revision = :revision, msg_type = :msgType, state = :state, event = :event,
                            severity = :severity, urgency = :urgency, certainty = :certainty,
                            headline_vi = :headlineVi, headline_en = :headlineEn, instruction_vi = :instructionVi,
                            instruction_en = :instructionEn, area = CAST(CAST(:area AS text) AS jsonb),
                            circle_center = CASE WHEN :circle THEN ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography END,
                            circle_radius = CASE WHEN :circle THEN CAST(:radius AS integer) END,
                            polygon = CASE WHEN :circle THEN NULL ELSE ST_GeomFromText(:polygon, 4326) END,
                            footprint = coalesce(ST_GeomFromText(CAST(:footprint AS text), 4326), footprint),
                            provinces = ARRAY(SELECT jsonb_array_elements_text(CAST(CAST(:provinces AS text) AS jsonb))),
                            incident_id = CAST(:incident AS uuid), issued_by = :issuedBy, issued_at = :issuedAt,
                            updated_by = :updatedBy, sent_at = :sent, expires_at = :expires, cancel_reason = :cancelReason
                        WHERE id = :id
                        """), a, footprintWkt)
                .executeUpdate()
                .replaceWithVoid());
    }

    private Mutiny.MutationQuery bind(Mutiny.MutationQuery query, StoredAlert a, String footprintWkt) {
        boolean circle = a.area().isCircle();
        return query.setParameter("id", a.id())
                .setParameter("revision", a.revision())
                .setParameter("msgType", a.msgType())
                .setParameter("state", a.state())
                .setParameter("event", a.event().name())
                .setParameter("severity", a.severity())
                .setParameter("urgency", a.urgency())
                .setParameter("certainty", a.certainty())
                .setParameter("headlineVi", a.headline().vi())
                .setParameter("headlineEn", a.headline().en())
                .setParameter("instructionVi", a.instruction().vi())
                .setParameter("instructionEn", a.instruction().en())
                .setParameter("area", JsonText.write(json, a.area()))
                .setParameter("circle", circle)
                .setParameter("lon", circle ? a.area().circle().center().lon() : 0.0)
                .setParameter("lat", circle ? a.area().circle().center().lat() : 0.0)
                .setParameter("radius", circle ? a.area().circle().radiusM() : 0)
                .setParameter("polygon", circle ? "POINT EMPTY" : a.area().polygonWkt())
                .setParameter("footprint", footprintWkt)
                .setParameter("provinces", JsonText.write(json, a.provinces()))
                .setParameter("incident", a.incidentId() == null ? null : a.incidentId().toString())
                .setParameter("issuedBy", a.issuedBy())
                .setParameter("issuedAt", a.issuedAt().atOffset(ZoneOffset.UTC))
                .setParameter("updatedBy", a.updatedBy())
                .setParameter("sent", a.sent().atOffset(ZoneOffset.UTC))
                .setParameter("expires", a.expires().atOffset(ZoneOffset.UTC))
                .setParameter("cancelReason", a.cancelReason());
    }

    Uni<Void> insertRevision(UUID alertId, int revision, String msgType, Instant sent, String actor, String cap) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO alert_revisions (alert_id, revision, msg_type, sent_at, actor, cap)
                        VALUES (:id, :revision, :msgType, :sent, :actor, :cap)
                        """)
                .setParameter("id", alertId)
                .setParameter("revision", revision)
                .setParameter("msgType", msgType)
                .setParameter("sent", sent.atOffset(ZoneOffset.UTC))
                .setParameter("actor", actor)
                .setParameter("cap", cap)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** The alert, locked until the transaction ends (changes to one alert are made one at a time). */
    Uni<StoredAlert> lock(UUID id) {
        return one("SELECT " + COLUMNS + " FROM alerts WHERE id = :id FOR UPDATE", id);
    }

    Uni<StoredAlert> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM alerts WHERE id = :id", id);
    }

    /** The CAP message of the alert's latest revision, exactly as published; null when there is no such alert. */
    Uni<String> latestCap(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT cap FROM alert_revisions WHERE alert_id = :id ORDER BY revision DESC LIMIT 1
                        """, String.class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    Uni<List<Alert.Revision>> revisions(UUID id) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT revision, msg_type, sent_at, actor FROM alert_revisions WHERE alert_id = :id ORDER BY revision
                        """, Object[].class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new Alert.Revision(((Number) r[0]).intValue(), (String) r[1],
                        SqlValues.instant(r[2]), (String) r[3])).toList()));
    }

    /**
     * Alerts in force at {@code now}, newest first; with a point, only those whose area holds it.
     * {@code recentlyEnded}: also those cancelled or expired since that instant (for feeds and consoles).
     */
    Uni<List<StoredAlert>> current(Instant now, Instant recentlyEnded, Double lat, Double lon, int limit) {
        boolean point = lat != null && lon != null;
        return sessions.withSession(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery("SELECT " + COLUMNS + """
                     FROM alerts
                    WHERE (state = 'ACTIVE' AND expires_at > :now
                           OR state = 'CANCELLED' AND sent_at > CAST(:ended AS timestamptz)
                           OR state = 'ACTIVE' AND expires_at <= :now AND expires_at > CAST(:ended AS timestamptz))
                    """ + (point ? """
                      AND CASE WHEN circle_center IS NOT NULL
                               THEN ST_DWithin(circle_center, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, circle_radius)
                               ELSE ST_Intersects(polygon, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)) END
                    """ : "") + " ORDER BY sent_at DESC, id LIMIT :limit", Object[].class)
                    .setParameter("now", now.atOffset(ZoneOffset.UTC))
                    .setParameter("ended", recentlyEnded == null ? null : recentlyEnded.atOffset(ZoneOffset.UTC))
                    .setParameter("limit", limit);
            if (point) {
                query.setParameter("lat", lat).setParameter("lon", lon);
            }
            return query.getResultList().map(rows -> rows.stream().map(this::toAlert).toList());
        });
    }

    private Uni<StoredAlert> one(String sql, UUID id) {
        return sessions.withSession(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("id", id)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toAlert(rows.get(0))));
    }

    private StoredAlert toAlert(Object[] r) {
        return new StoredAlert((UUID) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3],
                AlertKind.valueOf((String) r[4]), (String) r[5], (String) r[6], (String) r[7],
                new Texts((String) r[8], (String) r[9]), new Texts((String) r[10], (String) r[11]),
                JsonText.read(json, (String) r[12], AlertArea.class),
                JsonText.read(json, (String) r[13], new TypeReference<List<String>>() { }),
                (UUID) r[14], (String) r[15], SqlValues.instant(r[16]), (String) r[17], SqlValues.instant(r[18]),
                SqlValues.instant(r[19]), (String) r[20]);
    }
}
