package vn.baochay.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import vn.baochay.common.Actor;
import vn.baochay.common.JsonText;
import vn.baochay.common.Transactions;

/**
 * Who did what, when, and from which address. Written in the transaction of the action it records,
 * so an action and its audit record exist together or not at all; the table refuses updates.
 */
@ApplicationScoped
public class AuditTrail {

    private final Transactions transactions;
    private final AuditRepository records;
    private final ObjectMapper json;
    private final Clock clock;

    AuditTrail(Transactions transactions, AuditRepository records, ObjectMapper json, Clock clock) {
        this.transactions = transactions;
        this.records = records;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> record(Actor actor, String action, UUID incidentId, String unitId, Map<String, ?> detail) {
        return record(actor.username(), actor.address(), action, incidentId, unitId, detail);
    }

    public Uni<Void> record(String actor, String address, String action, UUID incidentId, String unitId,
                            Map<String, ?> detail) {
        return transactions.inTransaction(() -> records.insert(clock.instant(), actor, address, action, incidentId,
                unitId, JsonText.write(json, detail)));
    }
}
