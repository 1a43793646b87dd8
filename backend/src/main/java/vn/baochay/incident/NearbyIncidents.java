package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import vn.baochay.common.FieldError;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.province.ServiceArea;

/**
 * Incidents near a citizen, for anyone to see: "is that smoke already known?". Only incidents a
 * dispatcher has taken ({@link OpenIncidents#HANDLED}): an unconfirmed report must not spread panic,
 * and an ended one is news no more. Each shows its kind, status and age, nothing of its reports, and
 * its position rounded as on the incident's own page ({@link IncidentView#round}). The distance, and
 * whether it is within the radius at all, are computed from that rounded position, so that asking
 * from many points cannot pin the true one down any closer.
 */
@ApplicationScoped
public class NearbyIncidents {

    static final int MIN_RADIUS_M = 100;
    static final int MAX_RADIUS_M = 5000;
    static final int MAX_INCIDENTS = 50;

    /**
     * Rounding to 0.001° moves a point by at most 0.0005° in each axis, under 80 m: candidates are
     * looked up that much further out, then kept only when their rounded position is inside.
     */
    static final double ROUNDING_MARGIN_M = 80;
    /** Enough candidates that the nearest by rounded position are among them. */
    static final int CANDIDATES = 2 * MAX_INCIDENTS;
    static final double EARTH_RADIUS_M = 6_371_008.8;

    private final NearbyIncidentsRepository incidents;
    private final ServiceArea area;
    private final Clock clock;

    NearbyIncidents(NearbyIncidentsRepository incidents, ServiceArea area, Clock clock) {
        this.incidents = incidents;
        this.area = area;
        this.clock = clock;
    }

    /** The answer: the radius searched, and the incidents in it, nearest first. */
    public record Nearby(int radiusM, List<NearbyIncident> incidents) {
    }

    /** {@code distanceM} is rounded to 100 m; {@code ageMinutes} counts from when it was opened. */
    public record NearbyIncident(UUID id, IncidentKind kind, Status status, String statusText, GeoPoint location,
                                 long distanceM, Instant openedAt, long ageMinutes) {
    }

    /**
     * A handled incident's status in a citizen's words. The sentences are those of a reporter's own
     * view (followup.CitizenStatus) except where that speaks of "your report": here the reader is a
     * neighbour.
     */
    public enum Status {
        ACKNOWLEDGED("Trung tâm 114 đã tiếp nhận tin báo", "The 114 centre has taken the report"),
        UNITS_ON_THE_WAY("Lực lượng chữa cháy đang trên đường tới", "Fire units are on their way"),
        UNITS_ON_SCENE("Lực lượng chữa cháy đã có mặt tại hiện trường", "Fire units are on the scene"),
        UNDER_CONTROL("Đám cháy đã được khống chế", "The fire is under control");

        private final String vi;
        private final String en;

        Status(String vi, String en) {
            this.vi = vi;
            this.en = en;
        }

        public String text(String language) {
            return "en".equals(language) ? en : vi;
        }

        static Status of(IncidentStatus status) {
            return switch (status) {
                case ACKNOWLEDGED -> ACKNOWLEDGED;
                case DISPATCHED -> UNITS_ON_THE_WAY;
                case ON_SCENE -> UNITS_ON_SCENE;
                case CONTROLLED -> UNDER_CONTROL;
                case NEW, CLOSED, FALSE_ALARM, MERGED ->
                        throw new IllegalArgumentException(status + " incidents are not shown to the public");
            };
        }
    }

    /**
     * The handled incidents within {@code radiusM} of the point, nearest first, at most
     * {@value #MAX_INCIDENTS}, with status sentences in {@code language} ({@code vi} or {@code en}).
     * A point outside Vietnam's land and sea area is refused as reports from there are.
     */
    public Uni<Nearby> around(double lat, double lon, int radiusM, String language) {
        return area.covers(lat, lon)
                .invoke(inside -> {
                    if (!inside) {
                        throw outsideVietnam();
                    }
                })
                .chain(() -> incidents.within(lat, lon, radiusM + ROUNDING_MARGIN_M, OpenIncidents.HANDLED, CANDIDATES))
                .map(candidates -> new Nearby(radiusM, shown(lat, lon, radiusM, language, candidates)));
    }

    private List<NearbyIncident> shown(double lat, double lon, int radiusM, String language,
                                       List<NearbyIncidentsRepository.Candidate> candidates) {
        record Placed(NearbyIncidentsRepository.Candidate incident, GeoPoint at, double metres) {
        }
        Instant now = clock.instant();
        List<Placed> inside = new ArrayList<>();
        for (NearbyIncidentsRepository.Candidate c : candidates) {
            GeoPoint at = new GeoPoint(IncidentView.round(c.lat()), IncidentView.round(c.lon()));
            double metres = metres(lat, lon, at.lat(), at.lon());
            if (metres <= radiusM) {
                inside.add(new Placed(c, at, metres));
            }
        }
        inside.sort(Comparator.comparingDouble(Placed::metres));
        return inside.stream().limit(MAX_INCIDENTS).map(p -> {
            Status status = Status.of(p.incident().status());
            return new NearbyIncident(p.incident().id(), p.incident().kind(), status, status.text(language), p.at(),
                    Math.round(p.metres() / 100) * 100,
                    p.incident().openedAt(), Math.max(0, Duration.between(p.incident().openedAt(), now).toMinutes()));
        }).toList();
    }

    /** Great-circle distance on the mean sphere, as PostGIS measures geography without the spheroid. */
    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
    }

    private static Rejection outsideVietnam() {
        String message = "is outside Vietnam's land and sea area";
        return new Rejection(Reason.INVALID_LOCATION, "The point " + message,
                List.of(new FieldError("lat", message), new FieldError("lon", message)));
    }
}
