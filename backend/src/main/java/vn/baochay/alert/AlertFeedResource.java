package vn.baochay.alert;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/** The Atom feed at an address of its own, for readers that cannot send an Accept header. */
@Path("/api/v1/alerts.atom")
public class AlertFeedResource {

    private final AlertService alerts;
    private final AtomFeed atom;
    private final Clock clock;

    AlertFeedResource(AlertService alerts, AtomFeed atom, Clock clock) {
        this.alerts = alerts;
        this.atom = atom;
        this.clock = clock;
    }

    @GET
    @Produces(AtomFeed.MEDIA_TYPE)
    public Uni<Response> feed(@QueryParam("lang") String lang) {
        return AlertResource.feed(alerts, atom, clock, lang);
    }
}
