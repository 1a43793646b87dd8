package vn.baochay.station;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import vn.baochay.common.RequestParams;

@Path("/api/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public class StationResource {

    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 20;

    private final StationService stations;

    StationResource(StationService stations) {
        this.stations = stations;
    }

    public record NearestStations(List<NearbyStation> stations) {
    }

    @GET
    @Path("/nearest")
    public Uni<NearestStations> nearest(@QueryParam("lat") String lat, @QueryParam("lon") String lon,
                                        @QueryParam("limit") String limit) {
        double latitude = RequestParams.coordinate("lat", lat, 90);
        double longitude = RequestParams.coordinate("lon", lon, 180);
        int count = RequestParams.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        return stations.nearest(latitude, longitude, count).map(NearestStations::new);
    }
}
