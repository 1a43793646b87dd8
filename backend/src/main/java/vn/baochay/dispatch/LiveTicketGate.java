package vn.baochay.dispatch;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import vn.baochay.account.AccountService;
import vn.baochay.account.SessionCheck;
import vn.baochay.common.ClientAddress;
import vn.baochay.common.Failures;
import vn.baochay.web.Problem;
import vn.baochay.web.ProblemType;

/**
 * Refuses the WebSocket upgrade of the live feed (401 problem+json) unless it carries a valid ticket
 * of a live session. The ticket is used up here: the same ticket again, even a second later, is refused.
 */
class LiveTicketGate {

    private static final Logger LOG = Logger.getLogger(LiveTicketGate.class);

    private final AccountService accounts;
    private final SessionCheck sessions;
    private final LiveAdmissions admissions;
    private final ClientAddress addresses;

    LiveTicketGate(AccountService accounts, SessionCheck sessions, LiveAdmissions admissions,
                   ClientAddress addresses) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.admissions = admissions;
        this.addresses = addresses;
    }

    void install(@Observes Router router) {
        router.route(LiveFeedSocket.PATH).order(-100).handler(this::gate);
    }

    void gate(RoutingContext context) {
        String address = addresses.of(context.request());
        Context here = context.vertx().getOrCreateContext();
        accounts.useTicket(context.queryParams().get("ticket"))
                .chain(ticket -> ticket == null ? Uni.createFrom().nullItem()
                        : sessions.actorOrNull(ticket.session(), address).invoke(actor -> {
                            if (actor != null && actor.username().equals(ticket.username())) {
                                admissions.admit(ticket, actor);
                            }
                        }).map(actor -> actor == null || !actor.username().equals(ticket.username()) ? null : actor))
                .subscribe().with(
                        actor -> here.runOnContext(v -> {
                            if (actor == null) {
                                refuse(context, ProblemType.UNAUTHENTICATED, "The live feed needs a valid, unused "
                                        + "ticket from POST /api/v1/dispatch/live-ticket");
                            } else {
                                context.next();
                            }
                        }),
                        failure -> here.runOnContext(v -> {
                            LOG.warnf("Could not check a live ticket: %s", failure.toString());
                            refuse(context, Failures.isUnavailable(failure) ? ProblemType.SERVICE_UNAVAILABLE
                                    : ProblemType.INTERNAL_ERROR, "The ticket could not be checked; try again");
                        }));
    }

    private static void refuse(RoutingContext context, ProblemType type, String detail) {
        if (type == ProblemType.SERVICE_UNAVAILABLE) {
            context.response().putHeader("Retry-After", "5");
        }
        Problem.send(context.response(), type, detail, LiveFeedSocket.PATH);
    }
}
