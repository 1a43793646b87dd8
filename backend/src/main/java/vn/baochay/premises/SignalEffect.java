package vn.baochay.premises;

/** What a transmitter's signal does to its state, besides proving it is alive. */
public sealed interface SignalEffect {

    /** A link test, a periodic test, an alarm or anything else that reports no trouble. */
    record Alive() implements SignalEffect {
    }

    /** A trouble (fire trouble, system trouble, power loss, ...): the transmitter shows as FAULT until restored. */
    record Trouble(DeviceStatus.Fault fault) implements SignalEffect {
    }

    /** A trouble ended: clears the outstanding one if it named the same zone (or the restore names none). */
    record TroubleRestored(String zone) implements SignalEffect {
    }

    SignalEffect ALIVE = new Alive();
}
