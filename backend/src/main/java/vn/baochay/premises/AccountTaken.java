package vn.baochay.premises;

import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;

/** Another registered premises already uses this transmitter account: signals could not tell them apart. */
public class AccountTaken extends Rejection {

    public AccountTaken(String accountId) {
        super(Reason.TRANSMITTER_ACCOUNT_TAKEN, "Transmitter account " + accountId + " is registered to other premises");
    }
}
