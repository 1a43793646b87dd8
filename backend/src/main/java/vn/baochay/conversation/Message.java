package vn.baochay.conversation;

import java.time.Instant;
import java.util.UUID;

/**
 * A message as the reporter sees it in their conversation: who wrote (never which dispatcher), what,
 * and when. {@code clientMessageId} is present on the reporter's own messages.
 */
public record Message(long seq, UUID messageId, String from, String text, Instant sentAt, UUID clientMessageId) {

    /** The reporter's conversation after a point, and where it ends. */
    public record Page(java.util.List<Message> messages, long lastSeq) {
    }

    /**
     * A message as a dispatcher sees it: the author's username, and the report it belongs to (the writer's,
     * or the one written to; null for a dispatcher's message to every reporter).
     */
    public record ForDispatcher(long seq, UUID messageId, UUID incidentId, UUID reportId, String from, String author,
                                String text, Instant sentAt) {
    }
}
