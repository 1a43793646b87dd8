package vn.baochay.flood;

import java.time.Duration;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** Over a flood-control limit: nothing was stored; the same request may be sent after {@code retryAfter}. */
public class RateLimited extends Rejection {

    public RateLimited(String what, Duration retryAfter) {
        super(Reason.RATE_LIMITED, "Too many " + what + "; nothing was stored. Send the same request again after "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s.", retryAfter);
    }
}
