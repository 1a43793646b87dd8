package vn.baochay.dispatch;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import vn.baochay.account.Tokens;
import vn.baochay.common.Actor;

/**
 * {@code /api/v1/dispatch/live?ticket=…[&lastSeq=…]}: the live feed of one dispatch console.
 * Messages are JSON: {@code snapshot}, {@code event}, {@code heartbeat} (see the console's README).
 * An invalid or expired ticket is refused before the upgrade ({@link LiveTicketGate}); one that
 * expires in the instant between the two closes the socket with 4401.
 */
@WebSocket(path = LiveFeedSocket.PATH)
public class LiveFeedSocket {

    public static final String PATH = "/api/v1/dispatch/live";
    static final CloseReason UNAUTHORIZED = new CloseReason(4401, "ticket invalid or expired");

    private final ConsoleRegistry consoles;
    private final Tokens tokens;

    LiveFeedSocket(ConsoleRegistry consoles, Tokens tokens) {
        this.consoles = consoles;
        this.tokens = tokens;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        Map<String, String> query = query(connection.handshakeRequest().query());
        Actor actor = tokens.verifyLiveTicket(query.get("ticket"), connection.handshakeRequest().remoteAddress());
        if (actor == null) {
            return connection.close(UNAUTHORIZED);
        }
        Long lastSeq = null;
        try {
            lastSeq = query.containsKey("lastSeq") ? Long.valueOf(query.get("lastSeq")) : null;
        } catch (NumberFormatException e) {
            // treated as no position: the console gets a snapshot
        }
        return consoles.connect(connection, actor, lastSeq);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        consoles.disconnect(connection);
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
