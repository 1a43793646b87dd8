package vn.baochay.common;

/** The thing lies outside the provinces the actor covers. The detail names nothing beyond the actor's own. */
public class OutOfJurisdiction extends Rejection {

    public OutOfJurisdiction(String detail) {
        super(Reason.OUT_OF_JURISDICTION, detail);
    }
}
