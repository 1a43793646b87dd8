package vn.baochay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** The intake ledger: one receipt per clientReportId with the answer that was given. */
@ApplicationScoped
class ReceiptRepository {

    record Receipt(String requestHash, ReportAccepted response) {
    }

    private final ObjectMapper json;

    ReceiptRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Serialises intake per clientReportId until the transaction ends, so a retry that arrives while
     * the first attempt is still being stored waits for it and then finds its receipt.
     */
    Uni<Void> lock(Mutiny.Session session, UUID clientReportId) {
        return session.createNativeQuery("SELECT count(pg_advisory_xact_lock(hashtextextended(:key, 114)))", Long.class)
                .setParameter("key", "report:" + clientReportId)
                .getSingleResult()
                .replaceWithVoid();
    }

    Uni<Receipt> find(Mutiny.Session session, UUID clientReportId) {
        return session.createNativeQuery(
                        "SELECT request_hash, response::text FROM report_receipts WHERE client_report_id = :id",
                        Object[].class)
                .setParameter("id", clientReportId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new Receipt((String) rows.get(0)[0], read((String) rows.get(0)[1])));
    }

    Uni<Void> save(Mutiny.Session session, String requestHash, ReportAccepted response) {
        return session.createNativeQuery("""
                        INSERT INTO report_receipts (client_report_id, request_hash, report_id, response, accepted_at)
                        VALUES (:clientReportId, :hash, :reportId, CAST(CAST(:response AS text) AS jsonb), :acceptedAt)
                        """)
                .setParameter("clientReportId", response.clientReportId())
                .setParameter("hash", requestHash)
                .setParameter("reportId", response.reportId())
                .setParameter("response", write(response))
                .setParameter("acceptedAt", response.receivedAt().atOffset(ZoneOffset.UTC))
                .executeUpdate()
                .replaceWithVoid();
    }

    // The parameter is cast to text first: the reactive client would otherwise send a Java String
    // to a jsonb parameter as a JSON string literal rather than as the document it contains.
    private ReportAccepted read(String stored) {
        try {
            return json.readValue(stored, ReportAccepted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable receipt", e);
        }
    }

    private String write(ReportAccepted response) {
        try {
            return json.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store receipt", e);
        }
    }
}
