package vn.baochay.province;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Whether a point lies where reports are taken: Vietnam's land, territorial sea and islands (see ProvinceLoader). */
@ApplicationScoped
public class ServiceArea {

    private final ServiceAreaRepository area;

    ServiceArea(ServiceAreaRepository area) {
        this.area = area;
    }

    public Uni<Boolean> covers(double lat, double lon) {
        return area.covers(lat, lon);
    }
}
