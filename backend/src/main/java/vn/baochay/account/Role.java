package vn.baochay.account;

/** DISPATCHER works the incidents of their provinces; SUPERVISOR and ADMIN see all, and may reopen. */
public enum Role {
    DISPATCHER, SUPERVISOR, ADMIN
}
