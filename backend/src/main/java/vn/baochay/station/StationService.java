package vn.baochay.station;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import vn.baochay.common.Actor;

/** Fire stations: which are closest to a point, and which a dispatcher's provinces have. */
@ApplicationScoped
public class StationService {

    private final StationRepository stations;

    StationService(StationRepository stations) {
        this.stations = stations;
    }

    /** The {@code limit} stations nearest to the point, nearest first; uses the caller's session if any. */
    public Uni<List<NearbyStation>> nearest(double lat, double lon, int limit) {
        return stations.nearest(lat, lon, limit);
    }

    /** The stations of the actor's provinces (all for supervisors), by province and name. */
    public Uni<List<StationPlace>> of(Actor actor) {
        if (actor.isSupervisor()) {
            return stations.all();
        }
        return actor.provinces().isEmpty() ? Uni.createFrom().item(List.of()) : stations.inProvinces(actor.provinces());
    }
}
