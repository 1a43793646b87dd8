package vn.baochay.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A hash of what a report says, so a retry can be told from a different report that reuses the same
 * clientReportId. Equal meaning gives an equal hash: the kind's default is applied and
 * {@code observedAt} is compared as an instant, whatever offset the phone wrote it in.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(NewReport report) {
        NewReport.Location location = report.location();
        NewReport.Reporter reporter = report.reporter();
        String canonical = String.join("\u001f",
                report.clientReportId().toString(),
                report.kindOrDefault().name(),
                Double.toString(location.lat()),
                Double.toString(location.lon()),
                Objects.toString(location.accuracyM()),
                Objects.toString(report.description()),
                reporter == null ? "null" : Objects.toString(reporter.phone()),
                reporter == null ? "null" : Objects.toString(reporter.name()),
                report.observedAt() == null ? "null" : report.observedAt().toInstant().toString(),
                Objects.toString(report.deviceId()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
