package vn.baochay.station;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** Which fire stations are closest to a point. */
@ApplicationScoped
public class StationService {

    private final Mutiny.SessionFactory sessions;
    private final StationRepository stations;

    StationService(Mutiny.SessionFactory sessions, StationRepository stations) {
        this.sessions = sessions;
        this.stations = stations;
    }

    /** The {@code limit} stations nearest to the point, nearest first; uses the caller's session if any. */
    public Uni<List<NearbyStation>> nearest(double lat, double lon, int limit) {
        return sessions.withSession(session -> stations.nearest(session, lat, lon, limit));
    }
}
