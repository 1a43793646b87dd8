package vn.baochay.support;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.quarkus.test.Mock;
import java.util.Date;
import java.util.Optional;
import vn.baochay.notify.FirebaseCredentials;
import vn.baochay.notify.PushConfig;

/**
 * In the tests, push is on with a fixed access token that never touches the network (the SDK never
 * asks Google for one), so every request reaches {@link FakeFcm} carrying it.
 */
@Mock
@jakarta.inject.Singleton
public class TestFirebaseCredentials extends FirebaseCredentials {

    public static final String ACCESS_TOKEN = "test-access-token";

    public TestFirebaseCredentials(PushConfig config) {
        super(config);
    }

    @Override
    public Optional<GoogleCredentials> load() {
        return Optional.of(GoogleCredentials.create(new AccessToken(ACCESS_TOKEN,
                new Date(System.currentTimeMillis() + 24L * 3600 * 1000))));
    }
}
