package vn.baochay.report;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;
import vn.baochay.common.Finite;
import vn.baochay.common.PlainText;
import vn.baochay.incident.IncidentKind;

/**
 * What the citizen app sends: one short JSON request. {@code clientReportId} is chosen by the phone
 * once per report and sent again on every retry. {@code deviceId}, with the device's secret as
 * {@code Authorization: Bearer}, has the report's notifications sent to that device.
 */
public record NewReport(
        @NotNull UUID clientReportId,
        @NotNull @Valid Location location,
        IncidentKind kind,
        @Size(max = 1000) @PlainText String description,
        @Valid Reporter reporter,
        OffsetDateTime observedAt,
        UUID deviceId) {

    public record Location(
            @NotNull @Finite @DecimalMin("-90") @DecimalMax("90") Double lat,
            @NotNull @Finite @DecimalMin("-180") @DecimalMax("180") Double lon,
            @Finite @DecimalMin("0") @DecimalMax("100000") Double accuracyM) {
    }

    public record Reporter(
            @Pattern(regexp = "^\\+?[0-9][0-9 .()-]{2,19}$", message = "must be a phone number") String phone,
            @Size(max = 100) @PlainText String name) {
    }

    /** FIRE unless the app says otherwise: the one-tap button reports a fire. */
    public IncidentKind kindOrDefault() {
        return kind == null ? IncidentKind.FIRE : kind;
    }
}
