package vn.baochay.shelter;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Shelters and assembly points: which are closest to a point, for everyone or for one hazard. */
@ApplicationScoped
public class ShelterService {

    private final ShelterRepository shelters;

    ShelterService(ShelterRepository shelters) {
        this.shelters = shelters;
    }

    /** The {@code limit} places nearest to the point, nearest first; only refuges from {@code hazard} unless it is null. */
    public Uni<List<NearbyShelter>> nearest(double lat, double lon, int limit, Hazard hazard) {
        return shelters.nearest(lat, lon, limit, hazard);
    }
}
