package vn.baochay.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MergePolicyTest {

    private final MergePolicy policy = new MergePolicy(300, 1000, Duration.ofMinutes(30));

    @Test
    void radiusWidensWithReportedAccuracyUpToTheCap() {
        assertThat(policy.searchRadiusM(null)).isEqualTo(300);
        assertThat(policy.searchRadiusM(0.0)).isEqualTo(300);
        assertThat(policy.searchRadiusM(150.0)).isEqualTo(450);
        assertThat(policy.searchRadiusM(5_000.0)).isEqualTo(1000);
    }

    @Test
    void windowCountsBackFromTheNewReport() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(policy.oldestJoinableReport(now)).isEqualTo(Instant.parse("2026-11-23T09:30:00Z"));
    }

    @Test
    void preciseReportsWeighMoreButNoneBeyondTenMetres() {
        assertThat(policy.weight(10.0)).isGreaterThan(policy.weight(50.0));
        assertThat(policy.weight(1.0)).isEqualTo(policy.weight(10.0));
        assertThat(policy.weight(null)).isEqualTo(policy.weight(100.0));
    }

    @Test
    void cellsCoverTheWholeSearchCircle() {
        double lat = 21.3856;
        double lon = 103.0169;
        MergePolicy.CellRange cells = policy.cellsAround(lat, lon, 1000);
        // Any incident within 1 km lies in one of the locked cells, whatever the direction.
        for (int bearing = 0; bearing < 360; bearing += 15) {
            double north = Math.cos(Math.toRadians(bearing)) * 1000;
            double east = Math.sin(Math.toRadians(bearing)) * 1000;
            double pLat = lat + north / 111_195.0;
            double pLon = lon + east / (111_195.0 * Math.cos(Math.toRadians(lat)));
            int x = (int) Math.floor(pLon / MergePolicy.CELL_DEGREES);
            int y = (int) Math.floor(pLat / MergePolicy.CELL_DEGREES);
            assertThat(x).isBetween(cells.x0(), cells.x1());
            assertThat(y).isBetween(cells.y0(), cells.y1());
        }
        assertThat(cells.count()).isLessThanOrEqualTo(9);
    }

    @Test
    void cellsStayWithinTheWorldAtItsEdges() {
        MergePolicy.CellRange cells = policy.cellsAround(89.999, 179.999, 1000);
        assertThat(cells.x1()).isLessThanOrEqualTo(18_000);
        assertThat(cells.y1()).isLessThanOrEqualTo(9_000);
        assertThat(policy.cellsAround(-89.999, -179.999, 1000).x0()).isGreaterThanOrEqualTo(-18_000);
    }

    @Test
    void capBelowTheBaseRadiusIsAConfigurationError() {
        assertThatThrownBy(() -> new MergePolicy(300, 200, Duration.ofMinutes(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
