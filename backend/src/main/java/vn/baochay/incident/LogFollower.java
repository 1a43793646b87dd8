package vn.baochay.incident;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Follows the {@code incident_events} log from a kept position, one instance at a time: takes the
 * follower's lock, reads the next batch of committed events, hands it to {@link #handle}, and moves
 * the position past it only once that succeeded, so nothing is skipped; after a crash a batch may be
 * handled again, which each follower makes harmless. Woken at every commit (NOTIFY) and by a timer;
 * a failed pass gives the lock up (a broken connection never keeps it) and tries again with back-off.
 */
public abstract class LogFollower {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Logger log = Logger.getLogger(getClass());
    private final String name;
    private final long lockKey;
    private final IncidentLog events;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile IncidentLog.Lease lease;
    private volatile boolean stopped;
    private volatile long position = -1;
    private long timer = -1;
    private Duration backoff = Duration.ZERO;

    protected LogFollower(String name, long lockKey, IncidentLog events, Vertx vertx) {
        this.name = name;
        this.lockKey = lockKey;
        this.events = events;
        this.vertx = vertx;
    }

    /** Handles one batch of events, in sequence order; the position moves past them when this succeeds. */
    protected abstract Uni<Void> handle(List<LoggedEvent> batch);

    /** Work the leader does after each batch (sending what was planned, say); answers how much it did. */
    protected Uni<Integer> afterBatch() {
        return Uni.createFrom().item(0);
    }

    /** Events read at a time. */
    protected abstract int batchSize();

    /** How long one pass may take before it counts as failed (and leadership is given up). */
    protected Duration passTimeout() {
        return Duration.ofMinutes(2);
    }

    /** Called when this instance becomes the follower, before its first batch. */
    protected Uni<Void> onLeadership() {
        return Uni.createFrom().voidItem();
    }

    protected void startFollowing(Duration pollInterval) {
        stopped = false;
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> wake());
        wake();
    }

    protected void stopFollowing() {
        stopped = true;
        vertx.cancelTimer(timer);
        giveUp();
    }

    /** The last event handled, or -1 while this instance does not follow. */
    public long position() {
        return position;
    }

    /** Runs one pass unless one is running; a pass asked for meanwhile is remembered and run next. */
    public void wake() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        lead().chain(leader -> leader ? pass() : Uni.createFrom().item(0))
                // A pass that hangs (a connection gone silent) must not stop the follower for good.
                .ifNoItem().after(passTimeout()).fail()
                .subscribe().with(
                done -> {
                    if (!backoff.isZero()) {
                        log.infof("%s follows the log again, at position %d", name, position);
                    }
                    backoff = Duration.ZERO;
                    running.set(false);
                    if (done >= batchSize() || again.get()) {
                        wake();
                    }
                },
                failure -> {
                    backoff = backoff.isZero() ? Duration.ofMillis(500)
                            : backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                    log.warnf("%s could not go on from position %d (%s); retrying in %d ms", name, position,
                            failure.toString(), backoff.toMillis());
                    giveUp();
                    vertx.setTimer(backoff.toMillis(), id -> {
                        running.set(false);
                        wake();
                    });
                });
    }

    private Uni<Integer> pass() {
        IncidentLog.Lease held = lease;
        return events.read(position, Long.MAX_VALUE, batchSize()).chain(batch -> {
            Uni<Integer> handled = batch.isEmpty() ? Uni.createFrom().item(0) : handle(batch)
                    .chain(() -> held.moveTo(batch.get(batch.size() - 1).seq()))
                    .invoke(() -> position = batch.get(batch.size() - 1).seq())
                    .replaceWith(batch.size());
            return handled.chain(count -> afterBatch().map(more -> Math.max(count, more)));
        });
    }

    /** True while this instance holds the lock; tries to take it when it does not. */
    private Uni<Boolean> lead() {
        if (lease != null) {
            return Uni.createFrom().item(true);
        }
        return events.lead(name, lockKey, () -> vertx.runOnContext(this::wake), this::lost).chain(taken -> {
            if (taken == null) {
                return Uni.createFrom().item(false);
            }
            lease = taken;
            position = taken.position();
            log.infof("This instance follows the log as %s from position %d", name, position);
            return onLeadership().replaceWith(true);
        });
    }

    private void lost() {
        if (lease != null && !stopped) {
            log.warnf("%s lost its database connection; another instance (or this one) will take over", name);
        }
        lease = null;
        position = -1;
    }

    private void giveUp() {
        IncidentLog.Lease held = lease;
        lease = null;
        position = -1;
        if (held != null) {
            held.release();
        }
    }
}
