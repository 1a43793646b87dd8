package vn.baochay.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    static boolean useContainers() {
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
        String host = env("BAOCHAY_PG_HOST", "127.0.0.1");
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + env("BAOCHAY_PG_PORT", "5432");
        String user = env("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String password = env("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/postgres", user, password);
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + LOCAL_DATABASE + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + LOCAL_DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("No Docker engine, and no local PostgreSQL at " + hostPort
                    + " (run infra/local/postgis.sh, or the README's test command): " + e.getMessage(), e);
        }
        try (Connection db = DriverManager.getConnection(jdbc(hostPort, LOCAL_DATABASE), user, password);
             Statement sql = db.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            throw new IllegalStateException("PostGIS is not installed on the local PostgreSQL at " + hostPort
                    + " (run infra/local/postgis.sh): " + e.getMessage(), e);
        }
        return settings(hostPort, LOCAL_DATABASE, user, password);
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

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
