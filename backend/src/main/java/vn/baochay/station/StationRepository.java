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
     * {@code ORDER BY location <-> point LIMIT n} is what lets PostGIS walk the index nearest-first;
     * distances are on the sphere, like the ordering, so the list is sorted by the distance it shows.
     */
    Uni<List<NearbyStation>> nearest(double lat, double lon, int limit) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT s.id, s.name, s.phone, s.address, s.province,
                               ST_Y(s.location::geometry), ST_X(s.location::geometry),
                               ST_Distance(s.location, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, false),
                               (SELECT coalesce(json_agg(json_build_object('id', u.id, 'callsign', u.callsign,
                                                                           'type', u.type, 'status', u.status)
                                                         ORDER BY u.id), '[]'::json)
                                FROM units u WHERE u.station_id = s.id)::text
                        FROM stations s
                        ORDER BY s.location <-> ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, s.id
                        LIMIT :limit
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
