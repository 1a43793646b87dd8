package vn.baochay.common;

import io.smallrye.mutiny.Uni;

/**
 * Work a citizen's request starts that must finish even if nobody waits for its answer any more. A phone on
 * 2G often loses its connection while it waits; the HTTP layer then cancels the answer's subscription, and
 * with it, without this, the work midway (a report's transaction rolled back, the report gone unless the
 * phone retries). Here the work has a subscription of its own, and the answer only watches it.
 */
public final class Detached {

    private Detached() {
    }

    /** Starts {@code work} now; the returned Uni answers with its outcome, and cancelling it leaves the work running. */
    public static <T> Uni<T> run(Uni<T> work) {
        Uni<T> running = work.memoize().indefinitely();
        running.subscribe().with(item -> { }, failure -> { });
        return running;
    }
}
