package vn.baochay.incident;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The rules that decide whether a report is one more sighting of a known fire or a new one.
 * Pure arithmetic, so it is unit-tested without a database.
 */
@ApplicationScoped
public class MergePolicy {

    /** Metres per degree of latitude on the WGS 84 mean sphere. */
    static final double METRES_PER_DEGREE = 111_320.0;
    /** Side of the square cells (in degrees) that serialise merge decisions; ~1.1 km at the equator. */
    static final double CELL_DEGREES = 0.01;
    /** Weight floor: positions claimed better than 10 m are not trusted more than 10 m ones. */
    static final double MIN_ACCURACY_M = 10.0;
    /** Phones that report no accuracy are treated as ±100 m. */
    static final double UNKNOWN_ACCURACY_M = 100.0;

    private final double radiusM;
    private final double maxRadiusM;
    private final java.time.Duration window;

    @jakarta.inject.Inject
    MergePolicy(IncidentConfig config) {
        this(config.mergeRadiusM(), config.mergeRadiusMaxM(), config.mergeWindow());
    }

    MergePolicy(double radiusM, double maxRadiusM, java.time.Duration window) {
        if (maxRadiusM < radiusM) {
            throw new IllegalArgumentException("baochay.incident.merge-radius-max-m must be >= merge-radius-m");
        }
        this.radiusM = radiusM;
        this.maxRadiusM = maxRadiusM;
        this.window = window;
    }

    /** How far from the report an incident may be and still be the same fire. */
    public double searchRadiusM(Double accuracyM) {
        double widened = radiusM + (accuracyM == null ? 0 : accuracyM);
        return Math.min(widened, maxRadiusM);
    }

    /** Incidents whose last report is older than this are considered a different fire. */
    public Instant oldestJoinableReport(Instant receivedAt) {
        return receivedAt.minus(window);
    }

    /** Weight of a report's position in its incident's refined position: 1/accuracy². */
    public double weight(Double accuracyM) {
        double accuracy = accuracyM == null ? UNKNOWN_ACCURACY_M : Math.max(accuracyM, MIN_ACCURACY_M);
        return 1.0 / (accuracy * accuracy);
    }

    /**
     * The grid cells a merge decision around this point must hold. Any two reports that could
     * match each other's incidents share at least one cell: the cell of the incident's position lies
     * inside both search boxes. Cells are returned as an inclusive range, locked in a fixed order.
     */
    public CellRange cellsAround(double lat, double lon, double radiusM) {
        double dLat = radiusM / METRES_PER_DEGREE;
        double cosLat = Math.max(Math.cos(Math.toRadians(Math.min(Math.abs(lat) + dLat, 89.0))), 0.01);
        double dLon = Math.min(radiusM / (METRES_PER_DEGREE * cosLat), 180.0);
        return new CellRange(
                cell(Math.max(lon - dLon, -180.0)), cell(Math.min(lon + dLon, 180.0)),
                cell(Math.max(lat - dLat, -90.0)), cell(Math.min(lat + dLat, 90.0)));
    }

    private static int cell(double degrees) {
        return (int) Math.floor(degrees / CELL_DEGREES);
    }

    /** An inclusive rectangle of grid cells: x along longitude, y along latitude. */
    public record CellRange(int x0, int x1, int y0, int y1) {
        public int count() {
            return (x1 - x0 + 1) * (y1 - y0 + 1);
        }
    }
}
