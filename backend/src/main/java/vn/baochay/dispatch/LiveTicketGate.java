package vn.baochay.dispatch;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import vn.baochay.account.Tokens;
import vn.baochay.web.ProblemType;

/** Refuses the WebSocket upgrade of the live feed (401 problem+json) unless it carries a valid ticket. */
class LiveTicketGate {

    private final Tokens tokens;

    LiveTicketGate(Tokens tokens) {
        this.tokens = tokens;
    }

    void install(@Observes Router router) {
        router.route(LiveFeedSocket.PATH).order(-100).handler(this::gate);
    }

    void gate(RoutingContext context) {
        String ticket = context.queryParams().get("ticket");
        String address = context.request().remoteAddress() == null ? null
                : context.request().remoteAddress().hostAddress();
        if (tokens.verifyLiveTicket(ticket, address) != null) {
            context.next();
            return;
        }
        ProblemType type = ProblemType.UNAUTHENTICATED;
        context.response().setStatusCode(type.status())
                .putHeader("Content-Type", ProblemType.MEDIA_TYPE)
                .end("{\"type\":\"" + type.uri() + "\",\"title\":\"" + type.title() + "\",\"status\":" + type.status()
                        + ",\"detail\":\"The live feed needs a valid ticket from POST /api/v1/dispatch/live-ticket\","
                        + "\"instance\":\"" + LiveFeedSocket.PATH + "\"}");
    }
}
