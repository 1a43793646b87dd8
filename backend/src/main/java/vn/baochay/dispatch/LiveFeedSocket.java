package vn.baochay.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import vn.baochay.account.AccountService;
import vn.baochay.account.Tokens;

/**
 * {@code /api/v1/dispatch/live?ticket=…[&lastSeq=…]}: the live feed of one dispatch console.
 * Messages are JSON: {@code snapshot}, {@code event}, {@code heartbeat} (see the console's README).
 * The ticket was checked and used up by {@link LiveTicketGate}; the socket lives until the access
 * token it was taken with expires, unless the console sends {@code {"type":"renew","ticket":…}} with a
 * fresh ticket before then. It is closed with 4401 when its session ends or its account changes, and
 * with 4403 when the account has too many sockets open already.
 */
@WebSocket(path = LiveFeedSocket.PATH)
public class LiveFeedSocket {

    public static final String PATH = "/api/v1/dispatch/live";
    static final CloseReason UNAUTHORIZED = new CloseReason(4401, "ticket invalid, used or expired");

    private final ConsoleRegistry consoles;
    private final AccountService accounts;
    private final LiveAdmissions admissions;
    private final ObjectMapper json;

    LiveFeedSocket(ConsoleRegistry consoles, AccountService accounts, LiveAdmissions admissions, ObjectMapper json) {
        this.consoles = consoles;
        this.accounts = accounts;
        this.admissions = admissions;
        this.json = json;
    }

    @OnOpen
    public Uni<Void> open(WebSocketConnection connection) {
        Map<String, String> query = query(connection.handshakeRequest().query());
        Tokens.Ticket ticket = accounts.readTicket(query.get("ticket"));
        LiveAdmissions.Admission admission = ticket == null ? null : admissions.take(ticket.id());
        if (admission == null) {
            return connection.close(UNAUTHORIZED);
        }
        Long lastSeq = null;
        try {
            lastSeq = query.containsKey("lastSeq") ? Long.valueOf(query.get("lastSeq")) : null;
        } catch (NumberFormatException e) {
            // treated as no position: the console gets a snapshot
        }
        return consoles.connect(connection, admission.actor(), admission.ticket().session(),
                admission.ticket().accessExpires(), lastSeq);
    }

    /** The one message a console sends: a fresh ticket, to keep the socket open past its token's expiry. */
    @OnTextMessage
    public Uni<Void> message(WebSocketConnection connection, String text) {
        JsonNode message;
        try {
            message = json.readTree(text.length() > 8192 ? "{}" : text);
        } catch (java.io.IOException e) {
            return Uni.createFrom().voidItem();
        }
        if (!"renew".equals(message.path("type").asText())) {
            return Uni.createFrom().voidItem();
        }
        return accounts.useTicket(message.path("ticket").asText(null))
                .chain(ticket -> consoles.renew(connection, ticket));
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
