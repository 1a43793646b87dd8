package vn.baochay.common;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs work that reaches the database from outside an HTTP request (a socket's frame, a timer), on a fresh
 * duplicated Vert.x context marked safe, as Hibernate Reactive requires: each piece of work gets its own session,
 * never one shared by everything on the same event loop.
 */
public final class OwnContext {

    private OwnContext() {
    }

    public static <T> void run(Vertx vertx, Supplier<Uni<T>> work, Consumer<T> onItem, Consumer<Throwable> onFailure) {
        Context current = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            Uni<T> uni;
            try {
                uni = work.get();
            } catch (RuntimeException e) {
                onFailure.accept(e);
                return;
            }
            uni.subscribe().with(onItem, onFailure);
        });
    }
}
