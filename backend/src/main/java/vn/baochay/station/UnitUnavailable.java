package vn.baochay.station;

import java.util.List;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** A dispatch named units that cannot go: unknown, or not AVAILABLE. Nothing was sent. */
public class UnitUnavailable extends Rejection {

    UnitUnavailable(List<String> problems) {
        super(Reason.UNIT_UNAVAILABLE, "Cannot dispatch: " + String.join("; ", problems));
    }
}
