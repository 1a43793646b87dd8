package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import vn.baochay.common.RequestParams;

/** The citizen-facing reads of incidents (the dispatcher side lives under /api/v1/dispatch). */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final IncidentQueries incidents;
    private final NearbyIncidents nearby;

    IncidentResource(IncidentQueries incidents, NearbyIncidents nearby) {
        this.incidents = incidents;
        this.nearby = nearby;
    }

    /**
     * Incidents being handled around a point. A literal path, so it is matched before
     * {@code /{incidentId}}. Never cached: a fire's status changes by the minute.
     */
    @GET
    @Path("/nearby")
    public Uni<Response> nearby(@QueryParam("lat") String lat, @QueryParam("lon") String lon,
                                @QueryParam("radiusM") String radiusM, @QueryParam("lang") String lang) {
        double latitude = RequestParams.coordinate("lat", lat, 90);
        double longitude = RequestParams.coordinate("lon", lon, 180);
        int radius = RequestParams.intInRange("radiusM", radiusM, NearbyIncidents.MIN_RADIUS_M,
                NearbyIncidents.MAX_RADIUS_M, NearbyIncidents.MAX_RADIUS_M);
        String language = language(lang);
        return nearby.around(latitude, longitude, radius, language)
                .map(answer -> Response.ok(answer)
                        .header(HttpHeaders.CONTENT_LANGUAGE, language)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .build());
    }

    @GET
    @Path("/{incidentId}")
    public Uni<IncidentView> get(@PathParam("incidentId") String incidentId) {
        return incidents.citizenView(RequestParams.uuid("incidentId", incidentId));
    }

    /** {@code en} when its primary subtag says so ({@code en-GB}), else {@code vi}, the country's language. */
    static String language(String lang) {
        String primary = lang == null ? "" : lang.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return "en".equals(primary) ? "en" : "vi";
    }
}
