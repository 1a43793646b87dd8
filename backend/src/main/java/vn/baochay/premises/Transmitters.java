package vn.baochay.premises;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import vn.baochay.common.Transactions;
import vn.baochay.incident.IncidentEvent;
import vn.baochay.incident.IncidentLog;

/**
 * The transmitters of registered premises: who a signal comes from, what it does to the transmitter's state,
 * and supervision, which turns a transmitter SILENT when it misses its reporting interval. Every change of state
 * is announced on the incident log in the transaction that makes it, so every console sees it live.
 */
@ApplicationScoped
public class Transmitters {

    /** How many transmitters one supervision pass turns silent at most; the next pass takes the rest. */
    static final int SILENCE_BATCH = 500;

    private final Transactions transactions;
    private final PremisesRepository premises;
    private final TransmitterStatusRepository statuses;
    private final IncidentLog log;
    private final PremisesConfig config;
    private final Clock clock;

    Transmitters(Transactions transactions, PremisesRepository premises, TransmitterStatusRepository statuses,
                 IncidentLog log, PremisesConfig config, Clock clock) {
        this.transactions = transactions;
        this.premises = premises;
        this.statuses = statuses;
        this.log = log;
        this.config = config;
        this.clock = clock;
    }

    /** The live premises registered with this transmitter account, or null. */
    public Uni<Transmitter> byAccount(String accountId) {
        return premises.transmitter(accountId);
    }

    /**
     * Records that the premises' transmitter was heard at {@code at} and what its signal did, in the caller's
     * transaction; answers whether its state changed, which the caller then {@link #announce}s last, just before
     * committing (the event log's counter stays locked from the append to the commit). A transmitter that was
     * SILENT or UNKNOWN comes back (as FAULT if a trouble is outstanding).
     */
    public Uni<Boolean> heard(UUID premisesId, Instant at, SignalEffect effect) {
        Uni<Boolean> quick = effect instanceof SignalEffect.Alive
                ? statuses.heardWhileUp(premisesId, at) : Uni.createFrom().item(false);
        return quick.chain(done -> done ? Uni.createFrom().item(false) : statuses.lock(premisesId).chain(old -> {
            if (old == null) {
                return Uni.createFrom().item(false);
            }
            DeviceStatus.Fault fault = old.fault();
            if (effect instanceof SignalEffect.Trouble trouble) {
                fault = trouble.fault();
            } else if (effect instanceof SignalEffect.TroubleRestored restored && old.fault() != null
                    && (restored.zone() == null || Objects.equals(restored.zone(), old.fault().zone()))) {
                fault = null;
            }
            DeviceStatus.State state = fault == null ? DeviceStatus.State.NORMAL : DeviceStatus.State.FAULT;
            boolean changed = state != old.state() || !Objects.equals(fault, old.fault());
            Instant last = old.lastSignalAt() == null || at.isAfter(old.lastSignalAt()) ? at : old.lastSignalAt();
            DeviceStatus now = new DeviceStatus(state, state != old.state() ? at : old.since(), last, fault, null);
            return statuses.write(premisesId, now).replaceWith(changed);
        }));
    }

    /**
     * Turns silent the supervised transmitters overdue now, each once across every instance, and announces each;
     * answers how many.
     */
    public Uni<Integer> silenceOverdue() {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> statuses
                .silenceOverdue(now, config.supervisionGrace().toSeconds(), SILENCE_BATCH)
                .call(ids -> announceAll(ids))
                .map(List::size));
    }

    private Uni<Void> announceAll(List<UUID> ids) {
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(this::announce)
                .collect().last().replaceWithVoid();
    }

    /** Appends the transmitter's state as it now stands to the event log, in the caller's transaction. */
    public Uni<Void> announce(UUID premisesId) {
        return premises.find(premisesId).chain(p -> p == null ? Uni.createFrom().voidItem()
                : log.announce(new IncidentEvent.DeviceStateChanged(p.boardEntry(),
                        p.province() == null ? List.of() : List.of(p.province()), clock.instant())).replaceWithVoid());
    }
}
