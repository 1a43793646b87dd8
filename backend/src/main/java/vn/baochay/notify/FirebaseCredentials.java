package vn.baochay.notify;

import com.google.auth.oauth2.GoogleCredentials;
import jakarta.inject.Singleton;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The service account push is sent with: {@code baochay.push.credentials-file}, else the file named by
 * GOOGLE_APPLICATION_CREDENTIALS. Never the metadata server or anything else that probes the network.
 */
@Singleton
public class FirebaseCredentials {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";

    private final PushConfig config;

    public FirebaseCredentials(PushConfig config) {
        this.config = config;
    }

    /** The credentials, or empty when none are configured (push is then off). */
    public Optional<GoogleCredentials> load() throws IOException {
        Optional<String> file = config.credentialsFile()
                .or(() -> Optional.ofNullable(System.getenv("GOOGLE_APPLICATION_CREDENTIALS")))
                .filter(name -> !name.isBlank());
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = new FileInputStream(file.get())) {
            return Optional.of(GoogleCredentials.fromStream(in).createScoped(List.of(SCOPE)));
        }
    }

    /** Where they came from, for the start-up line. */
    public String describe() {
        return config.credentialsFile().map(f -> "baochay.push.credentials-file " + f)
                .orElse("GOOGLE_APPLICATION_CREDENTIALS");
    }
}
