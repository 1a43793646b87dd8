package vn.baochay.flood;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;
import vn.baochay.common.ClientAddress;

/**
 * Holds back floods of requests from one network address or one device, with token buckets all
 * instances share. What it never does: refuse the first report of a new address or a new device
 * (their buckets start full), or count a client's retry of a request already taken (callers take a
 * token only for new work). Addresses are kept only as keyed hashes ({@link #source}).
 */
@ApplicationScoped
public class FloodControl {

    private static final Logger LOG = Logger.getLogger(FloodControl.class);

    private final RateBucketRepository buckets;
    private final FloodConfig config;
    private final Vertx vertx;
    private final List<ClientAddress.Block> unlimited;
    private volatile byte[] sourceKey;

    FloodControl(RateBucketRepository buckets, FloodConfig config, Vertx vertx) {
        this.buckets = buckets;
        this.config = config;
        this.vertx = vertx;
        this.unlimited = ClientAddress.blocks(config.unlimited().orElse(List.of()));
    }

    void start(@Observes StartupEvent event) {
        vertx.setPeriodic(Duration.ofMinutes(5).toMillis(), id -> buckets.purgeIdle(config.bucketIdle())
                .subscribe().with(n -> { }, failure -> LOG.debugf("Could not purge rate buckets: %s", failure)));
    }

    /**
     * A report that is not a retry. With a registered device (its secret checked by the caller) it is
     * counted against that device only, so phones behind one carrier address (a market on fire) are
     * not held back by each other; without one, against its address.
     */
    public Uni<Void> report(String address, UUID authorisedDevice) {
        if (authorisedDevice != null) {
            return take("report:device:" + authorisedDevice, config.reportDeviceCapacity(),
                    config.reportDevicePerMinute(), "reports from this device");
        }
        return takeForAddress("report", address, config.reportAddressCapacity(), config.reportAddressPerMinute(),
                "reports from this network address");
    }

    /** A device registration: every new device is one more report that is never refused, so they are counted. */
    public Uni<Void> deviceRegistration(String address) {
        return takeForAddress("device", address, config.deviceAddressCapacity(), config.deviceAddressPerMinute(),
                "device registrations from this network address");
    }

    public Uni<Void> reporterMessage(UUID reportId) {
        return take("message:report:" + reportId, config.messageReportCapacity(), config.messageReportPerMinute(),
                "messages about this report");
    }

    public Uni<Void> photoUpload(String address) {
        return takeForAddress("photo", address, config.photoAddressCapacity(), config.photoAddressPerMinute(),
                "photo uploads from this network address");
    }

    /**
     * A stable pseudonym of a network address: HMAC-SHA-256 under a key kept in the database, so
     * every instance computes the same one and nobody can recover the address from it.
     */
    public Uni<byte[]> source(String address) {
        if (address == null || isUnlimited(address)) {
            // A gateway's reports are many people's: neither limited nor counted as one source.
            return Uni.createFrom().nullItem();
        }
        byte[] key = sourceKey;
        Uni<byte[]> keyed = key != null ? Uni.createFrom().item(key)
                : buckets.serverKey("source-hash").invoke(k -> sourceKey = k);
        return keyed.map(k -> hmac(k, address));
    }

    private Uni<Void> takeForAddress(String operation, String address, double capacity, double perMinute, String what) {
        if (address == null || isUnlimited(address)) {
            return Uni.createFrom().voidItem();
        }
        return source(address).chain(source -> take(operation + ":addr:" + HexFormat.of().formatHex(source),
                capacity, perMinute, what));
    }

    private boolean isUnlimited(String address) {
        return unlimited.stream().anyMatch(block -> block.contains(address));
    }

    private Uni<Void> take(String key, double capacity, double perMinute, String what) {
        return buckets.take(key, capacity, perMinute / 60.0).invoke(wait -> {
            if (wait > 0) {
                throw new RateLimited(what, Duration.ofMillis((long) Math.ceil(wait * 1000)));
            }
        }).replaceWithVoid();
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
