package vn.baochay.report;

import java.util.UUID;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** A clientReportId already used for a report that says something else: an app bug, never a retry. */
public class IdempotencyConflict extends Rejection {

    IdempotencyConflict(UUID clientReportId) {
        super(Reason.IDEMPOTENCY_CONFLICT, "clientReportId " + clientReportId + " was already used for a different "
                + "report. Use a new clientReportId for a new report.");
    }
}
