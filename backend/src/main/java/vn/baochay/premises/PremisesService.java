package vn.baochay.premises;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import vn.baochay.audit.AuditTrail;
import vn.baochay.common.Actor;
import vn.baochay.common.NotFound;
import vn.baochay.common.OutOfJurisdiction;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Transactions;
import vn.baochay.province.ServiceArea;

/**
 * The registry of premises with fire-alarm transmitters. Supervisors and admins register, edit and delete;
 * dispatchers read the premises of their provinces. Every change is audited, the key's presence included
 * (never the key).
 */
@ApplicationScoped
public class PremisesService {

    private final Transactions transactions;
    private final PremisesRepository premises;
    private final ServiceArea area;
    private final AuditTrail audit;
    private final Clock clock;

    PremisesService(Transactions transactions, PremisesRepository premises, ServiceArea area, AuditTrail audit,
                    Clock clock) {
        this.area = area;
        this.transactions = transactions;
        this.premises = premises;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Premises> register(NewPremises request, Actor actor) {
        requireSupervisor(actor);
        return register(request, false, actor.username(), actor.address());
    }

    /** Registers premises from an import file unless its account is registered already; answers whether it did. */
    Uni<Boolean> registerImported(NewPremises request, boolean demo, String source) {
        return premises.accountInUse(request.account(), null).chain(taken -> taken ? Uni.createFrom().item(false)
                : register(request, demo, "import:" + source, null).map(ignored -> true));
    }

    private Uni<Premises> register(NewPremises request, boolean demo, String actor, String address) {
        byte[] key = request.keyBytes();
        UUID id = UUID.randomUUID();
        return transactions.inTransaction(() -> checkedLocation(request)
                        .chain(() -> checkedOwners(request))
                        .chain(() -> premises.accountInUse(request.account(), null))
                        .chain(taken -> taken ? Uni.createFrom().failure(new AccountTaken(request.account()))
                                : premises.insert(id, request, key, demo, clock.instant())))
                .chain(() -> audit.record(actor, address, "premises.registered", null, null,
                        detail(id, request, key != null)))
                .chain(() -> premises.find(id));
    }

    public Uni<Premises> update(UUID id, NewPremises request, Actor actor) {
        requireSupervisor(actor);
        if (request.version() == null) {
            return Uni.createFrom().failure(Rejection.invalid("version", "must be the version being replaced"));
        }
        byte[] key = request.keyBytes();
        return transactions.inTransaction(() -> premises.find(id)
                        .chain(current -> current == null ? Uni.createFrom().failure(new NotFound("premises", id))
                                : checkedLocation(request))
                        .chain(() -> checkedOwners(request))
                        .chain(() -> premises.accountInUse(request.account(), id))
                        .chain(taken -> taken ? Uni.createFrom().failure(new AccountTaken(request.account()))
                                : premises.update(id, request.version(), request, request.setsKey(), key,
                                clock.instant()))
                        .chain(updated -> updated ? Uni.createFrom().voidItem()
                                : Uni.createFrom().failure(new Rejection(Reason.STALE_VERSION,
                                "The premises changed since version " + request.version() + "; load it again"))))
                .chain(() -> audit.record(actor, "premises.updated", null, null,
                        detail(id, request, request.setsKey() ? key != null : null)))
                .chain(() -> premises.find(id));
    }

    public Uni<Void> delete(UUID id, Actor actor) {
        requireSupervisor(actor);
        return transactions.inTransaction(() -> premises.delete(id, clock.instant()))
                .chain(deleted -> deleted ? audit.record(actor, "premises.deleted", null, null, Map.of("premisesId", id))
                        : Uni.createFrom().failure(new NotFound("premises", id)));
    }

    public Uni<Premises> get(UUID id, Actor actor) {
        return premises.find(id).map(found -> {
            if (found == null) {
                throw new NotFound("premises", id);
            }
            if (!actor.covers(found.province())) {
                throw new OutOfJurisdiction("These premises are outside your provinces");
            }
            return found;
        });
    }

    public Uni<List<Premises>> list(Actor actor) {
        return premises.list(actor.isSupervisor(), actor.provinces());
    }

    /**
     * The device board: transmitters in {@code states} (all states when empty) in the actor's provinces, longest
     * in their state first.
     */
    public Uni<List<DeviceBoardEntry>> board(Actor actor, Set<DeviceStatus.State> states) {
        return premises.board(actor.isSupervisor(), actor.provinces(), states)
                .map(list -> list.stream().map(Premises::boardEntry).toList());
    }

    /** The premises card an incident shows, with the zones its alarms named; null when there are no such premises. */
    public Uni<PremisesCard> card(UUID id, List<String> zones) {
        return premises.findEvenDeleted(id).map(p -> p == null ? null
                : new PremisesCard(p.id(), p.accountId(), p.name(), p.address(), p.province(), p.floors(), p.contacts(),
                        p.notes(), zones, p.device()));
    }

    private Uni<Void> checkedLocation(NewPremises request) {
        return area.covers(request.location().lat(), request.location().lon()).chain(covered -> covered
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new Rejection(Reason.INVALID_LOCATION,
                "The location lies outside Vietnam", List.of(new vn.baochay.common.FieldError("location",
                "must lie in Vietnam's provinces")))));
    }

    private Uni<Void> checkedOwners(NewPremises request) {
        List<UUID> owners = request.owners();
        if (owners.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return premises.registeredDevices(owners).chain(found -> found == owners.size()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(Rejection.invalid("ownerDeviceIds",
                "must be the deviceId of phones registered with the app")));
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.isSupervisor()) {
            throw new Rejection(Reason.FORBIDDEN, "Only supervisors and admins manage the premises registry");
        }
    }

    private static Map<String, Object> detail(UUID id, NewPremises request, Boolean encrypted) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("premisesId", id);
        detail.put("accountId", request.account());
        detail.put("name", request.name());
        if (encrypted != null) {
            detail.put("encrypted", encrypted);
        }
        if (request.setsOwners()) {
            detail.put("ownerDevices", request.owners().size());
        }
        return detail;
    }
}
