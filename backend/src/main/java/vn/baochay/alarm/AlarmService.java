package vn.baochay.alarm;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import vn.baochay.common.Transactions;
import vn.baochay.incident.AlarmOrigin;
import vn.baochay.incident.AlarmIntake;
import vn.baochay.incident.IncidentKind;
import vn.baochay.incident.IncomingReport;
import vn.baochay.incident.Trust;
import vn.baochay.premises.DeviceStatus;
import vn.baochay.premises.SignalEffect;
import vn.baochay.premises.Transmitter;
import vn.baochay.premises.Transmitters;

/**
 * What a transmitter's accepted signal does, whichever way it came (DC-09 over TCP or UDP, or MQTT): each event is
 * stored, and acted on, in one transaction that commits before the transmitter is acknowledged. A fire alarm opens
 * or joins an incident at the premises; a restore is put on its timeline; a trouble puts the transmitter on the
 * device board; every signal proves the transmitter alive. An event the transmitter sends again (it missed the
 * ACK) is recognised and acknowledged without acting twice.
 */
@ApplicationScoped
public class AlarmService {

    private static final Logger LOG = Logger.getLogger(AlarmService.class);

    /** Where a registered premises is: its registered position, a few metres out at most. */
    static final double PREMISES_ACCURACY_M = 10;

    /** The channel a signal came on, as stored. */
    public enum Channel { DC09_TCP, DC09_UDP, MQTT }

    /** A signal's events as the receiver accepted them; {@code sequence} is what a resent frame repeats. */
    public record Signal(Channel channel, String accountId, String sequence, String data, List<AlarmEvent> events,
                         Instant deviceTime) {
    }

    private final Transactions transactions;
    private final AlarmSignalRepository signals;
    private final Transmitters transmitters;
    private final AlarmIntake intake;
    private final AlarmConfig config;
    private final Clock clock;

    AlarmService(Transactions transactions, AlarmSignalRepository signals, Transmitters transmitters,
                 AlarmIntake intake, AlarmConfig config, Clock clock) {
        this.transactions = transactions;
        this.signals = signals;
        this.transmitters = transmitters;
        this.intake = intake;
        this.config = config;
        this.clock = clock;
    }

    /** The registered transmitter of an account, or null. */
    public Uni<Transmitter> transmitter(String accountId) {
        return transmitters.byAccount(accountId);
    }

    /** A link test: the transmitter and the path from the premises are up. */
    public Uni<Void> linkTest(Transmitter transmitter) {
        if (transmitter == null) {
            return Uni.createFrom().voidItem();
        }
        return transactions.inTransaction(() -> transmitters.heard(transmitter.premisesId(), clock.instant(),
                SignalEffect.ALIVE).chain(changed -> announceIf(changed, transmitter.premisesId())));
    }

    /**
     * Stores and acts on every event of the signal, each in its own transaction; completes when all are committed,
     * so that the caller may acknowledge. {@code transmitter} is null for an account nobody registered: its events
     * are stored, and a warning logged, but with no premises there is nowhere to send a fire engine.
     */
    public Uni<Void> accept(Signal signal, Transmitter transmitter) {
        if (transmitter == null) {
            LOG.warnf("Signal from unregistered transmitter account %s: %s", signal.accountId(), signal.data());
        }
        return Multi.createFrom().iterable(signal.events())
                .onItem().transformToUniAndConcatenate(event -> acceptOne(signal, event, transmitter))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> acceptOne(Signal signal, AlarmEvent event, Transmitter transmitter) {
        Instant now = clock.instant();
        UUID signalId = UUID.randomUUID();
        return transactions.inTransaction(() -> signals.lockAccount(signal.accountId())
                .chain(() -> signals.storedSince(signal.accountId(), signal.sequence(), signal.data(), event.code(),
                        event.zone(), now.minus(config.resendWindow())))
                .chain(resent -> {
                    if (resent) {
                        LOG.debugf("Account %s sent sequence %s again; acknowledged, not acted on twice",
                                signal.accountId(), signal.sequence());
                        return Uni.createFrom().voidItem();
                    }
                    UUID premisesId = transmitter == null ? null : transmitter.premisesId();
                    Uni<Boolean> heard = premisesId == null ? Uni.createFrom().item(false)
                            : transmitters.heard(premisesId, now, effectOf(event));
                    // Appends to the event log come last: the incident's, then the device board's.
                    return heard.call(() -> signals.insert(signalId, premisesId, signal.accountId(),
                                    signal.channel().name(), event, signal.sequence(), signal.data(),
                                    signal.deviceTime(), now))
                            .call(() -> premisesId == null ? Uni.createFrom().voidItem()
                                    : act(signalId, event, transmitter, signal.deviceTime(), now))
                            .chain(changed -> announceIf(changed, premisesId));
                }));
    }

    private Uni<Void> act(UUID signalId, AlarmEvent event, Transmitter transmitter, Instant deviceTime, Instant now) {
        if (event.meaning() == SignalMeaning.FIRE_ALARM) {
            AlarmOrigin origin = new AlarmOrigin(transmitter.premisesId(), transmitter.name(), event.zone());
            IncomingReport report = new IncomingReport(alarmReportKey(signalId), IncidentKind.FIRE, transmitter.lat(),
                    transmitter.lon(), PREMISES_ACCURACY_M, null, null, null, deviceTime, now, null,
                    Trust.alarmDevice(), origin);
            return intake.admitAlarm(report, signalId)
                    .chain(incidentId -> signals.linkToIncident(signalId, incidentId));
        }
        if (event.meaning() == SignalMeaning.RESTORE && event.condition() == SignalMeaning.FIRE_ALARM) {
            return intake.alarmRestored(transmitter.premisesId(), event.zone(), signalId, now)
                    .chain(incidentId -> incidentId == null ? Uni.createFrom().voidItem()
                            : signals.linkToIncident(signalId, incidentId));
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> announceIf(boolean changed, UUID premisesId) {
        return changed ? transmitters.announce(premisesId) : Uni.createFrom().voidItem();
    }

    /** The zones an incident's fire alarms named, in the order they first came. */
    public Uni<List<String>> fireZones(UUID incidentId) {
        return signals.fireZones(incidentId);
    }

    static SignalEffect effectOf(AlarmEvent event) {
        if (event.meaning() == SignalMeaning.FAULT) {
            return new SignalEffect.Trouble(new DeviceStatus.Fault(event.code(), event.zone(), event.format()));
        }
        if (event.meaning() == SignalMeaning.RESTORE && event.condition() == SignalMeaning.FAULT) {
            return new SignalEffect.TroubleRestored(event.zone());
        }
        return SignalEffect.ALIVE;
    }

    /** An alarm's report is keyed by its signal, as a phone's is by its clientReportId, so it is stored once. */
    private static byte[] alarmReportKey(UUID signalId) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("baochay:alarm-signal:" + signalId).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
