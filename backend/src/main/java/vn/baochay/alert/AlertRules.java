package vn.baochay.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.baochay.common.Actor;
import vn.baochay.common.FieldError;
import vn.baochay.common.GeoPoint;
import vn.baochay.common.OutOfJurisdiction;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/**
 * What makes an alert issuable: one usable shape of a sensible size, an expiry between 5 minutes
 * and 7 days ahead, an area in Vietnam, and (for a dispatcher) in their provinces only. Refusals
 * name the field, so the console can show them beside it.
 */
final class AlertRules {

    static final Duration MIN_LIFETIME = Duration.ofMinutes(5);
    static final Duration MAX_LIFETIME = Duration.ofDays(7);
    static final double MAX_AREA_KM2 = 2000;

    private AlertRules() {
    }

    /**
     * Refuses an area that is unusable, outside Vietnam, beyond the actor's provinces, or too large, in
     * that order: a dispatcher who draws beyond their provinces hears that first.
     */
    static void checkPlace(AlertRepository.Shape shape, Actor actor) {
        if (!shape.valid()) {
            throw new Rejection(Reason.INVALID_REQUEST, "The area's outline crosses itself",
                    List.of(new FieldError("area.polygon", "must not cross itself")));
        }
        if (shape.provinces().isEmpty()) {
            throw new Rejection(Reason.INVALID_LOCATION, "The area is not in Vietnam",
                    List.of(new FieldError("area", "must be in Vietnam")));
        }
        List<String> foreign = shape.provinces().stream().filter(p -> !actor.covers(p)).toList();
        if (!foreign.isEmpty()) {
            throw new OutOfJurisdiction("The area reaches beyond your provinces " + actor.provinces());
        }
        if (shape.areaKm2() > MAX_AREA_KM2) {
            throw new Rejection(Reason.INVALID_REQUEST, "The area is too large",
                    List.of(new FieldError("area", String.format(java.util.Locale.ROOT,
                            "covers %.0f km²; at most %.0f km²", shape.areaKm2(), MAX_AREA_KM2))));
        }
    }

    static void checkShapeAndTime(AlertService.Draft draft, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        AlertArea area = draft.area();
        if ((area.circle() == null) == (area.polygon() == null)) {
            errors.add(new FieldError("area", "must have exactly one of circle and polygon"));
        } else if (area.isCircle()) {
            int r = area.circle().radiusM();
            if (r < AlertArea.MIN_RADIUS_M || r > AlertArea.MAX_RADIUS_M) {
                errors.add(new FieldError("area.circle.radiusM", "must be between " + AlertArea.MIN_RADIUS_M
                        + " and " + AlertArea.MAX_RADIUS_M));
            }
            position("area.circle.center", area.circle().center(), errors);
        } else {
            int n = area.polygon().size();
            if (n < 3 || n > AlertArea.MAX_VERTICES) {
                errors.add(new FieldError("area.polygon", "must have between 3 and " + AlertArea.MAX_VERTICES
                        + " vertices"));
            }
            for (int i = 0; i < n; i++) {
                position("area.polygon[" + i + "]", area.polygon().get(i), errors);
            }
        }
        if (!draft.expiresAt().isAfter(now.plus(MIN_LIFETIME)) || draft.expiresAt().isAfter(now.plus(MAX_LIFETIME))) {
            errors.add(new FieldError("expiresAt", "must be between 5 minutes and 7 days from now"));
        }
        if (!errors.isEmpty()) {
            throw new Rejection(Reason.INVALID_REQUEST, "The alert has invalid fields", errors);
        }
    }

    private static void position(String field, GeoPoint p, List<FieldError> errors) {
        if (!Double.isFinite(p.lat()) || !Double.isFinite(p.lon()) || Math.abs(p.lat()) > 90 || Math.abs(p.lon()) > 180) {
            errors.add(new FieldError(field, "must be a position (lat -90..90, lon -180..180)"));
        }
    }
}
