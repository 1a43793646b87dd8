package vn.baochay.station;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.JsonText;

/** Stations: nearest-first search (a KNN scan of the GiST index on {@code stations.location}) and lists. */
@ApplicationScoped
class StationRepository {

    private static final TypeReference<List<NearbyStation.Unit>> UNITS = new TypeReference<>() {
    };

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    StationRepository(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * {@code ORDER BY location <-> point LIMIT n}, alone, is what lets PostGIS walk the GiST index
     * nearest-first: with a second sort key (the id, for ties) PostgreSQL sorted every station instead (at
     * 100,000 stations 165 ms a call, against 2 ms). So the nearest are found first, then ordered by their
     * distance on the sphere, like the index, and by id between equal distances.
     */
    Uni<List<NearbyStation>> nearest(double lat, double lon, int limit) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT n.id, n.name, n.phone, n.address, n.province,
                               ST_Y(n.location::geometry), ST_X(n.location::geometry), n.distance,
                               (SELECT coalesce(json_agg(json_build_object('id', u.id, 'callsign', u.callsign,
                                                                           'type', u.type, 'status', u.status)
                                                         ORDER BY u.id), '[]'::json)
                                FROM units u WHERE u.station_id = n.id)::text
                        FROM (SELECT s.id, s.name, s.phone, s.address, s.province, s.location,
                                     ST_Distance(s.location, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography,
                                                 false) AS distance
                              FROM stations s
                              ORDER BY s.location <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography
                              LIMIT :limit) AS n
                        ORDER BY n.distance, n.id
                        """, Object[].class)
                .setParameter("lat", lat)
                .setParameter("lon", lon)
                .setParameter("limit", limit)
                .getResultList()
                .map(rows -> rows.stream().map(this::toStation).toList()));
    }

    Uni<List<StationPlace>> all() {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT id, name, phone, province, ST_Y(location::geometry), ST_X(location::geometry)
                        FROM stations ORDER BY province, name
                        """, Object[].class)
                .getResultList()
                .map(rows -> rows.stream().map(StationRepository::toPlace).toList()));
    }

    Uni<List<StationPlace>> inProvinces(Collection<String> provinces) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT id, name, phone, province, ST_Y(location::geometry), ST_X(location::geometry)
                        FROM stations WHERE province IN (:provinces) ORDER BY province, name
                        """, Object[].class)
                .setParameter("provinces", provinces)
                .getResultList()
                .map(rows -> rows.stream().map(StationRepository::toPlace).toList()));
    }

    private static StationPlace toPlace(Object[] r) {
        return new StationPlace((String) r[0], (String) r[1], (String) r[2], (String) r[3],
                new GeoPoint(((Number) r[4]).doubleValue(), ((Number) r[5]).doubleValue()));
    }

    private NearbyStation toStation(Object[] row) {
        return new NearbyStation((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                new GeoPoint(((Number) row[5]).doubleValue(), ((Number) row[6]).doubleValue()),
                Math.round(((Number) row[7]).doubleValue()), JsonText.read(json, (String) row[8], UNITS));
    }
}
