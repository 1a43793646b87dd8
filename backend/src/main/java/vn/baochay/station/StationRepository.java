package vn.baochay.station;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Nearest-station search: a KNN scan of the GiST index on {@code stations.location}. */
@ApplicationScoped
class StationRepository {

    private static final TypeReference<List<NearbyStation.Unit>> UNITS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    StationRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * {@code ORDER BY location <-> point LIMIT n} is what lets PostGIS walk the index nearest-first;
     * distances are on the sphere, like the ordering, so the list is sorted by the distance it shows.
     */
    Uni<List<NearbyStation>> nearest(Mutiny.Session session, double lat, double lon, int limit) {
        return session.createNativeQuery("""
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
                .map(rows -> rows.stream().map(this::toStation).toList());
    }

    private NearbyStation toStation(Object[] row) {
        return new NearbyStation((String) row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                new NearbyStation.Position(((Number) row[5]).doubleValue(), ((Number) row[6]).doubleValue()),
                Math.round(((Number) row[7]).doubleValue()), units((String) row[8]));
    }

    private List<NearbyStation.Unit> units(String array) {
        try {
            return json.readValue(array, UNITS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable units " + array, e);
        }
    }
}
