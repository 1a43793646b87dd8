package vn.baochay.notify;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import vn.baochay.common.Reason;
import vn.baochay.common.Rejection;
import vn.baochay.common.Secrets;
import vn.baochay.common.Transactions;

/**
 * Phones registered for notifications. A device is authorised by its secret (Bearer), of which only
 * the hash is kept; one registration per FCM token, so a phone never hears about anything twice.
 */
@ApplicationScoped
public class DeviceService {

    private static final String DOMAIN = "baochay:device-secret";

    private final Transactions transactions;
    private final DeviceRepository devices;
    private final Clock clock;

    private final vn.baochay.flood.FloodControl flood;
    private final DeviceLocationRepository locations;
    private final vn.baochay.province.ServiceArea serviceArea;

    DeviceService(Transactions transactions, DeviceRepository devices, Clock clock, vn.baochay.flood.FloodControl flood,
                  DeviceLocationRepository locations, vn.baochay.province.ServiceArea serviceArea) {
        this.flood = flood;
        this.locations = locations;
        this.serviceArea = serviceArea;
        this.transactions = transactions;
        this.devices = devices;
        this.clock = clock;
    }

    /** Registers a phone; an earlier registration of the same FCM token hands its reports over and goes. */
    public Uni<Device.Registered> register(String fcmToken, Device.Platform platform, String language,
                                           String address) {
        UUID id = UUID.randomUUID();
        String secret = Secrets.generate();
        String lang = language == null ? "vi" : language;
        return flood.deviceRegistration(address).chain(() -> transactions.inTransaction(() -> devices.lockByToken(fcmToken)
                .call(previous -> previous == null ? Uni.createFrom().voidItem() : devices.clearToken(previous))
                .call(() -> devices.insert(id, Secrets.hash(DOMAIN, secret), fcmToken, platform, lang, clock.instant()))
                .call(previous -> previous == null ? Uni.createFrom().voidItem() : devices.replace(previous, id))))
                .replaceWith(new Device.Registered(id, secret, platform, lang));
    }

    /** A new FCM token (Firebase rotates them) or language; a token another registration had moves here with its reports. */
    public Uni<Device> update(UUID deviceId, String authorization, String fcmToken, String language) {
        return authorised(deviceId, authorization)
                .call(row -> transactions.inTransaction(() -> (fcmToken == null
                        ? Uni.createFrom().<UUID>nullItem() : devices.lockByToken(fcmToken))
                        .call(other -> other == null || other.equals(deviceId)
                                ? Uni.createFrom().voidItem() : devices.clearToken(other))
                        .call(() -> devices.update(deviceId, fcmToken, language, clock.instant()))
                        .call(other -> other == null || other.equals(deviceId)
                                ? Uni.createFrom().voidItem() : devices.replace(other, deviceId))))
                .map(row -> new Device(deviceId, row.platform(), language == null ? row.language() : language));
    }

    public Uni<Void> unregister(UUID deviceId, String authorization) {
        return authorised(deviceId, authorization)
                .chain(row -> transactions.inTransaction(() -> devices.delete(deviceId)));
    }

    /**
     * The device a report says it comes from, when the secret is the device's; null otherwise. Never
     * refuses: a fire report is taken whatever its device says.
     */
    public Uni<UUID> authorisedOrNull(UUID deviceId, String authorization) {
        if (deviceId == null) {
            return Uni.createFrom().nullItem();
        }
        String secret = Secrets.bearer(authorization);
        if (!Secrets.wellFormed(secret)) {
            return Uni.createFrom().nullItem();
        }
        return devices.find(deviceId).map(row -> row != null && Secrets.matches(row.secretHash(), DOMAIN, secret)
                ? deviceId : null);
    }

    /** How long a phone's position is kept for area alerts. */
    static final java.time.Duration LOCATION_KEPT = java.time.Duration.ofHours(24);

    /**
     * The phone's position for area alerts, rounded to 0.01° (about 1 km) before it is stored: enough
     * to know which alerts concern it, not where its owner is. Kept 24 hours; the app sends it again
     * as its owner moves.
     */
    public Uni<Device.Location> putLocation(UUID deviceId, String authorization, double lat, double lon) {
        double roundedLat = Math.round(lat * 100) / 100.0;
        double roundedLon = Math.round(lon * 100) / 100.0;
        java.time.Instant now = clock.instant();
        java.time.Instant expires = now.plus(LOCATION_KEPT);
        return authorised(deviceId, authorization)
                .chain(row -> serviceArea.covers(lat, lon))
                .invoke(inside -> {
                    if (!inside) {
                        throw new Rejection(Reason.INVALID_LOCATION, "The position is outside Vietnam",
                                java.util.List.of(new vn.baochay.common.FieldError("lat", "must be in Vietnam")));
                    }
                })
                .chain(() -> locations.put(deviceId, roundedLat, roundedLon, now, expires))
                .replaceWith(new Device.Location(new vn.baochay.common.GeoPoint(roundedLat, roundedLon), expires));
    }

    public Uni<Void> forgetLocation(UUID deviceId, String authorization) {
        return authorised(deviceId, authorization).chain(row -> locations.forget(deviceId));
    }

    Uni<Integer> forgetExpiredLocations() {
        return locations.purgeExpired(clock.instant());
    }

    /** Binds a report to the (authorised) device that sent it, in the caller's transaction. */
    public Uni<Void> bind(UUID reportId, UUID deviceId) {
        return devices.bind(reportId, deviceId);
    }

    private Uni<DeviceRepository.Row> authorised(UUID deviceId, String authorization) {
        String secret = Secrets.bearer(authorization);
        return devices.find(deviceId).invoke(row -> {
            if (row == null || !Secrets.matches(row.secretHash(), DOMAIN, secret)) {
                throw new Rejection(Reason.UNAUTHENTICATED,
                        "Send Authorization: Bearer <deviceSecret>, the secret this device was registered with");
            }
        });
    }
}
