package vn.baochay.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The services infra/local/*.sh provide on this machine (PostgreSQL with PostGIS, RabbitMQ), as the
 * tests use them when no Docker engine answers.
 */
public final class LocalServices {

    private LocalServices() {
    }

    public record Database(String hostPort, String name, String user, String password) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + hostPort + "/" + name;
        }

        public String reactiveUrl() {
            return "postgresql://" + hostPort + "/" + name;
        }
    }

    /** Drops and creates {@code name} with PostGIS, so every run starts from an empty database. */
    public static Database freshDatabase(String name) {
        String host = env("BAOCHAY_PG_HOST", "127.0.0.1");
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + env("BAOCHAY_PG_PORT", "5432");
        String user = env("QUARKUS_DATASOURCE_USERNAME", "postgres");
        String password = env("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/postgres", user, password);
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("No Docker engine, and no local PostgreSQL at " + hostPort
                    + " (run infra/local/postgis.sh, or the README's test command): " + e.getMessage(), e);
        }
        Database db = new Database(hostPort, name, user, password);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), user, password);
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (SQLException e) {
            throw new IllegalStateException("PostGIS is not installed on the local PostgreSQL at " + hostPort
                    + " (run infra/local/postgis.sh): " + e.getMessage(), e);
        }
        return db;
    }

    public static String rabbitHost() {
        return env("RABBITMQ_HOST", "127.0.0.1");
    }

    public static int rabbitPort() {
        return Integer.parseInt(env("RABBITMQ_PORT", "5672"));
    }

    /** Stops or starts the local broker's application (connections drop, the node stays up). */
    public static void rabbitCtl(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", "-q", command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " failed: "
                    + new String(process.getInputStream().readAllBytes()));
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
