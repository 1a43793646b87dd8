package vn.baochay.notify;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The Firebase Admin SDK, set up once at start when credentials are configured. Without them push is
 * off: one line says so, nothing is planned or sent, and the rest of the system works as ever.
 */
@ApplicationScoped
public class Fcm {

    private static final Logger LOG = Logger.getLogger(Fcm.class);
    private static final String APP_NAME = "baochay-push";

    private final PushConfig config;
    private final FirebaseCredentials credentials;
    private volatile FirebaseApp app;
    private volatile FirebaseMessaging messaging;

    Fcm(PushConfig config, FirebaseCredentials credentials) {
        this.config = config;
        this.credentials = credentials;
    }

    void start(@Observes StartupEvent event) {
        Optional<GoogleCredentials> found;
        try {
            found = credentials.load();
        } catch (Exception e) {
            LOG.errorf("Push notifications are OFF: the Firebase credentials from %s cannot be read (%s)",
                    credentials.describe(), e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            LOG.info("Push notifications are OFF: no Firebase credentials (set GOOGLE_APPLICATION_CREDENTIALS "
                    + "or baochay.push.credentials-file)");
            return;
        }
        FirebaseOptions.Builder options = FirebaseOptions.builder()
                .setCredentials(found.get())
                .setHttpTransport(new FcmEndpoint(config.fcmUrl()))
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000);
        config.projectId().ifPresent(options::setProjectId);
        app = FirebaseApp.initializeApp(options.build(), APP_NAME);
        messaging = FirebaseMessaging.getInstance(app);
        LOG.infof("Push notifications are on (Firebase project %s, %s)", app.getOptions().getProjectId(),
                config.fcmUrl());
    }

    void stop(@Observes ShutdownEvent event) {
        if (app != null) {
            app.delete();
        }
    }

    /** The SDK's messaging client, or empty when push is off. */
    public Optional<FirebaseMessaging> messaging() {
        return Optional.ofNullable(messaging);
    }
}
