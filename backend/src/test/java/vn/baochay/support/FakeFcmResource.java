package vn.baochay.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeFcm} and points the application's Firebase Admin SDK at it, with quick retries. */
public class FakeFcmResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            FakeFcm fcm = FakeFcm.start();
            return Map.of(
                    "baochay.push.fcm-url", fcm.url(),
                    "baochay.push.project-id", "baochay-test",
                    "baochay.push.initial-backoff", "PT0.2S",
                    "baochay.push.poll-interval", "PT0.2S");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        FakeFcm.stop();
    }
}
