package vn.baochay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.JsonText;

/** The intake ledger: one receipt per clientReportId with the answer that was given. */
@ApplicationScoped
class ReceiptRepository {

    record Receipt(String requestHash, ReportAccepted response) {
    }

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;

    ReceiptRepository(Mutiny.SessionFactory sessions, ObjectMapper json) {
        this.sessions = sessions;
        this.json = json;
    }

    /**
     * Serialises intake per clientReportId until the transaction ends, so a retry that arrives while
     * the first attempt is still being stored waits for it and then finds its receipt.
     */
    Uni<Void> lock(UUID clientReportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(pg_advisory_xact_lock(hashtextextended(:key, 114)))", Long.class)
                .setParameter("key", "report:" + clientReportId)
                .getSingleResult()
                .replaceWithVoid());
    }

    Uni<Receipt> find(UUID clientReportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT request_hash, response::text FROM report_receipts WHERE client_report_id = :id",
                        Object[].class)
                .setParameter("id", clientReportId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new Receipt((String) rows.get(0)[0],
                        JsonText.read(json, (String) rows.get(0)[1], ReportAccepted.class))));
    }

    Uni<Void> save(String requestHash, ReportAccepted response) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO report_receipts (client_report_id, request_hash, report_id, response, accepted_at)
                        VALUES (:clientReportId, :hash, :reportId, CAST(CAST(:response AS text) AS jsonb), :acceptedAt)
                        """)
                .setParameter("clientReportId", response.clientReportId())
                .setParameter("hash", requestHash)
                .setParameter("reportId", response.reportId())
                .setParameter("response", JsonText.write(json, response))
                .setParameter("acceptedAt", response.receivedAt().atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid());
    }
}
