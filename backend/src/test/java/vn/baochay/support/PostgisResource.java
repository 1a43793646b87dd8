package vn.baochay.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives the tests a real PostgreSQL with PostGIS: a Testcontainers container where a Docker engine
 * answers, otherwise a fresh database on the local server that infra/local/postgis.sh provides.
 * {@code BAOCHAY_TEST_SERVICES=local|containers} forces one or the other.
 */
public class PostgisResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "postgis/postgis:15-3.4";
    static final String LOCAL_DATABASE = "baochay_test";

    private PostgreSQLContainer container;

    @Override
    public Map<String, String> start() {
        return useContainers() ? startContainer() : freshLocalDatabase();
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }

    public static boolean useContainers() {
        String mode = System.getenv().getOrDefault("BAOCHAY_TEST_SERVICES", "auto");
        return switch (mode) {
            case "containers" -> true;
            case "local" -> false;
            default -> DockerClientFactory.instance().isDockerAvailable();
        };
    }

    private Map<String, String> startContainer() {
        container = new PostgreSQLContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"))
                .withDatabaseName("baochay");
        container.start();
        String hostPort = container.getHost() + ":" + container.getMappedPort(5432);
        return settings(hostPort, "baochay", container.getUsername(), container.getPassword());
    }

    private Map<String, String> freshLocalDatabase() {
        LocalServices.Database db = LocalServices.freshDatabase(LOCAL_DATABASE);
        return settings(db.hostPort(), db.name(), db.user(), db.password());
    }

    private static Map<String, String> settings(String hostPort, String database, String user, String password) {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbc(hostPort, database),
                "quarkus.datasource.reactive.url", "postgresql://" + hostPort + "/" + database,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    private static String jdbc(String hostPort, String database) {
        return "jdbc:postgresql://" + hostPort + "/" + database;
    }

}
