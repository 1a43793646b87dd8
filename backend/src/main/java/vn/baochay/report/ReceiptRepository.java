package vn.baochay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import vn.baochay.common.JsonText;

/**
 * The intake ledger: one receipt per clientReportId (kept hashed) with the answer that was given,
 * and the reporter's token (its hash, and sealed for retries; see {@link ReportToken}).
 */
@ApplicationScoped
class ReceiptRepository {

    /** A stored receipt; {@code tokenSealed} is null for a report accepted before tokens existed. */
    record Receipt(String requestHash, ReportAccepted response, byte[] tokenSealed) {
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

    /** Whether a report with this key was already taken (a retry); outside any transaction. */
    Uni<Boolean> exists(byte[] clientReportKey) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT count(*) FROM report_receipts WHERE client_report_key = :key", Long.class)
                .setParameter("key", clientReportKey)
                .getSingleResult()
                .map(n -> n > 0));
    }

    Uni<Receipt> find(byte[] clientReportKey) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        SELECT request_hash, response::text, token_sealed FROM report_receipts
                        WHERE client_report_key = :key
                        """, Object[].class)
                .setParameter("key", clientReportKey)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : new Receipt((String) rows.get(0)[0],
                        JsonText.read(json, (String) rows.get(0)[1], ReportAccepted.class), (byte[]) rows.get(0)[2])));
    }

    /** {@code response} without the phone's secrets; cast from text, as a String bound to jsonb is a JSON string. */
    Uni<Void> save(byte[] clientReportKey, String requestHash, ReportAccepted response, byte[] tokenHash,
                   byte[] tokenSealed) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        INSERT INTO report_receipts (client_report_key, request_hash, report_id, response, accepted_at,
                                                     token_hash, token_sealed)
                        VALUES (:key, :hash, :reportId, CAST(CAST(:response AS text) AS jsonb), :acceptedAt,
                                :tokenHash, :tokenSealed)
                        """)
                .setParameter("key", clientReportKey)
                .setParameter("hash", requestHash)
                .setParameter("reportId", response.reportId())
                .setParameter("response", JsonText.write(json, response.withoutSecrets()))
                .setParameter("acceptedAt", response.receivedAt().atOffset(ZoneOffset.UTC))
                .setParameter("tokenHash", tokenHash)
                .setParameter("tokenSealed", tokenSealed)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** Gives a report accepted before tokens existed its token, at its first retry. */
    Uni<Void> saveToken(byte[] clientReportKey, byte[] tokenHash, byte[] tokenSealed) {
        return sessions.withSession(session -> session.createNativeQuery("""
                        UPDATE report_receipts SET token_hash = :tokenHash, token_sealed = :tokenSealed
                        WHERE client_report_key = :key AND token_sealed IS NULL
                        """)
                .setParameter("key", clientReportKey)
                .setParameter("tokenHash", tokenHash)
                .setParameter("tokenSealed", tokenSealed)
                .executeUpdate()
                .replaceWithVoid());
    }

    /** The token hash of a report, or null when there is no such report (or it has no token). */
    Uni<byte[]> tokenHashOf(UUID reportId) {
        return sessions.withSession(session -> session.createNativeQuery(
                        "SELECT token_hash FROM report_receipts WHERE report_id = :id", byte[].class)
                .setParameter("id", reportId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }
}
