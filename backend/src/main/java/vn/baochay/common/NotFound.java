package vn.baochay.common;

/** There is no such thing; also the answer for a thing the caller may not know exists. */
public class NotFound extends Rejection {

    public NotFound(String what, Object id) {
        super(Reason.NOT_FOUND, "No " + what + " " + id);
    }
}
