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

    /**
     * Stations as the public sees them: their units by callsign and type, never their live status,
     * which would tell anyone which stations are empty.
     */
    public record NearestStations(List<PublicStation> stations) {
    }

    public record PublicStation(String id, String name, String phone, String address, String province,
                                vn.baochay.common.GeoPoint location, long distanceM, List<PublicUnit> units) {
        static PublicStation of(NearbyStation s) {
            return new PublicStation(s.id(), s.name(), s.phone(), s.address(), s.province(), s.location(),
                    s.distanceM(), s.units().stream().map(u -> new PublicUnit(u.id(), u.callsign(), u.type())).toList());
        }
    }

    public record PublicUnit(String id, String callsign, String type) {
    }

    @GET
    @Path("/nearest")
    public Uni<NearestStations> nearest(@QueryParam("lat") String lat, @QueryParam("lon") String lon,
                                        @QueryParam("limit") String limit) {
        double latitude = RequestParams.coordinate("lat", lat, 90);
        double longitude = RequestParams.coordinate("lon", lon, 180);
        int count = RequestParams.intInRange("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        return stations.nearest(latitude, longitude, count)
                .map(list -> new NearestStations(list.stream().map(PublicStation::of).toList()));
    }
}
