package vn.baochay.shelter;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import vn.baochay.common.GeoPoint;

/**
 * A shelter or assembly point and how far it is from a point; nearest first in every list.
 * {@code capacity} is always written, as null on assembly points (open ground has no head count),
 * so an app tells "none" from "not sent". {@code demo} marks made-up places, which an app must label.
 */
public record NearbyShelter(String id, String name, ShelterKind kind, String address, String province,
                            @JsonInclude(JsonInclude.Include.ALWAYS) Integer capacity, List<Hazard> hazards,
                            GeoPoint location, long distanceM, boolean demo) {
}
