package vn.baochay.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import vn.baochay.common.GeoPoint;

/** What the dispatch console needs to know at start: the map. */
@ConfigMapping(prefix = "baochay.console")
public interface ConsoleConfig {

    /**
     * Raster tile URL template (e.g. {@code https://tile.openstreetmap.org/{z}/{x}/{y}.png}). Unset: the
     * console shows only its offline province outlines, as in a control room without internet.
     */
    Optional<String> tileUrl();

    Optional<String> tileAttribution();

    /** Where the map opens (the middle of Vietnam's mainland). */
    @WithDefault("16.0")
    double mapCenterLat();

    @WithDefault("106.0")
    double mapCenterLon();

    @WithDefault("6")
    int mapZoom();

    record View(String tileUrl, String tileAttribution, GeoPoint mapCenter, int mapZoom) {
    }

    default View view() {
        return new View(tileUrl().orElse(null), tileAttribution().orElse(null),
                new GeoPoint(mapCenterLat(), mapCenterLon()), mapZoom());
    }
}
