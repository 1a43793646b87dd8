package vn.baochay.notify;

import java.util.UUID;

/** A phone registered for notifications, as its owner sees it. */
public record Device(UUID deviceId, Platform platform, String language) {

    public enum Platform {
        ANDROID, IOS
    }

    /** The phone's position as kept for area alerts (rounded to about 1 km), and when it is forgotten. */
    public record Location(vn.baochay.common.GeoPoint location, java.time.Instant expiresAt) {
    }

    /** The answer to a registration: the only time the device's secret is shown. */
    public record Registered(UUID deviceId, String deviceSecret, Platform platform, String language) {
    }
}
