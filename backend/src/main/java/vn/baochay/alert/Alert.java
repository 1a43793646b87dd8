package vn.baochay.alert;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An alert as the public sees it (the citizen app, feeds, the live log): what, where, until when and
 * what to do, in both languages. {@code identifier} is its latest CAP message's; {@code capUrl} serves it.
 */
public record Alert(UUID id, int revision, String identifier, String msgType, String state, AlertKind event,
                    String severity, String urgency, String certainty, Texts headline, Texts instruction,
                    AlertArea area, List<String> provinces, UUID incidentId, Instant sent, Instant expires,
                    String capUrl) {

    static Alert of(StoredAlert a, String identifier, Instant now) {
        return new Alert(a.id(), a.revision(), identifier, a.msgType(), a.stateAt(now), a.event(), a.severity(),
                a.urgency(), a.certainty(), a.headline(), a.instruction(), a.area(), a.provinces(), a.incidentId(),
                a.sent(), a.expires(), "/api/v1/alerts/" + a.id() + ".cap");
    }

    /** A CAP message published for the alert, for the references of the next one and the dispatchers' history. */
    public record Revision(int revision, String msgType, Instant sent, String actor) {
    }

    /** The dispatchers' view: the public alert, who issued and changed it, and every revision. */
    public record ForDispatch(UUID id, int revision, String identifier, String msgType, String state,
                              AlertKind event, String severity, String urgency, String certainty, Texts headline,
                              Texts instruction, AlertArea area, List<String> provinces, UUID incidentId,
                              Instant sent, Instant expires, String capUrl, String issuedBy, Instant issuedAt,
                              String updatedBy, String cancelReason, List<Revision> history) {

        static ForDispatch of(StoredAlert a, String identifier, Instant now, List<Revision> history) {
            Alert p = Alert.of(a, identifier, now);
            return new ForDispatch(p.id(), p.revision(), p.identifier(), p.msgType(), p.state(), p.event(),
                    p.severity(), p.urgency(), p.certainty(), p.headline(), p.instruction(), p.area(), p.provinces(),
                    p.incidentId(), p.sent(), p.expires(), p.capUrl(), a.issuedBy(), a.issuedAt(), a.updatedBy(),
                    a.cancelReason(), history);
        }
    }
}
