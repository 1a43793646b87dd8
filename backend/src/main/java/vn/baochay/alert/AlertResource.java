package vn.baochay.alert;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.NotFound;
import vn.baochay.common.RequestParams;

/** Area alerts for everyone: the active list (JSON or Atom), and each alert's CAP 1.2 message. */
@Path("/api/v1/alerts")
public class AlertResource {

    static final String CAP_MEDIA_TYPE = "application/cap+xml";
    static final String CACHE = "public, max-age=30";

    private final AlertService alerts;
    private final AtomFeed atom;
    private final Clock clock;

    AlertResource(AlertService alerts, AtomFeed atom, Clock clock) {
        this.alerts = alerts;
        this.atom = atom;
        this.clock = clock;
    }

    public record ActiveAlerts(List<Alert> alerts) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> active(@QueryParam("lat") String lat, @QueryParam("lon") String lon) {
        return alerts.current(point(lat, lon), false)
                .map(list -> Response.ok(new ActiveAlerts(list)).header("Cache-Control", CACHE).build());
    }

    @GET
    @Produces(AtomFeed.MEDIA_TYPE)
    public Uni<Response> feed(@QueryParam("lang") String lang) {
        return feed(alerts, atom, clock, lang);
    }

    @GET
    @Path("/{file}")
    @Produces(CAP_MEDIA_TYPE)
    public Uni<Response> cap(@PathParam("file") String file) {
        if (!file.endsWith(".cap")) {
            throw new NotFound("alert", file);
        }
        UUID id = RequestParams.uuid("id", file.substring(0, file.length() - ".cap".length()));
        return alerts.capOf(id).map(xml -> Response.ok(xml, CAP_MEDIA_TYPE + "; charset=UTF-8")
                .header("Cache-Control", CACHE).build());
    }

    static Uni<Response> feed(AlertService alerts, AtomFeed atom, Clock clock, String lang) {
        String language = "en".equalsIgnoreCase(lang) ? "en" : "vi";
        return alerts.current(null, true).map(list -> Response.ok(atom.write(list, language, clock.instant()),
                        AtomFeed.MEDIA_TYPE + "; charset=UTF-8")
                .header("Content-Language", language)
                .header("Cache-Control", CACHE).build());
    }

    /** Both or neither of lat and lon. */
    private static GeoPoint point(String lat, String lon) {
        if (lat == null && lon == null) {
            return null;
        }
        // One without the other is a missing coordinate: an invalid location, like any other.
        return new GeoPoint(RequestParams.coordinate("lat", lat, 90), RequestParams.coordinate("lon", lon, 180));
    }
}
