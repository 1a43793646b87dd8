package vn.baochay.shelter;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import vn.baochay.common.Rejection;
import vn.baochay.common.RequestParams;

/** Where to go: the shelters and assembly points nearest to the citizen, for the app's map and list. */
@Path("/api/v1/shelters")
@Produces(MediaType.APPLICATION_JSON)
public class ShelterResource {

    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 20;

    private final ShelterService shelters;

    ShelterResource(ShelterService shelters) {
        this.shelters = shelters;
    }

    public record NearestShelters(List<NearbyShelter> shelters) {
    }

    @GET
    @Path("/nearest")
    public Uni<NearestShelters> nearest(@QueryParam("lat") String lat, @QueryParam("lon") String lon,
                                        @QueryParam("limit") String limit, @QueryParam("hazard") String hazard) {
        double latitude = RequestParams.coordinate("lat", lat, 90);
        double longitude = RequestParams.coordinate("lon", lon, 180);
        int count = RequestParams.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        return shelters.nearest(latitude, longitude, count, hazard(hazard)).map(NearestShelters::new);
    }

    /** One hazard, or null for any. */
    private static Hazard hazard(String value) {
        String name = RequestParams.text(value);
        if (name == null) {
            return null;
        }
        try {
            return Hazard.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid("hazard", "must be one of " + Arrays.toString(Hazard.values()));
        }
    }
}
