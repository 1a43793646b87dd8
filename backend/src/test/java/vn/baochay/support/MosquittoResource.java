package vn.baochay.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Gives the tests a real MQTT broker for the alarm transmitters' MQTT input: a Mosquitto container where a Docker
 * engine answers, otherwise the local Mosquitto that infra/local/mosquitto.sh provides (MQTT_HOST, MQTT_PORT).
 */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "eclipse-mosquitto:2.0";

    private GenericContainer<?> container;

    @Override
    public Map<String, String> start() {
        if (PostgisResource.useContainers()) {
            container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                    .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf").withExposedPorts(1883);
            container.start();
            return settings(container.getHost(), container.getMappedPort(1883));
        }
        String host = System.getenv().getOrDefault("MQTT_HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("MQTT_PORT", "1883"));
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(host, port), 3000);
        } catch (IOException e) {
            throw new IllegalStateException("No MQTT broker on " + host + ":" + port
                    + " (run infra/local/mosquitto.sh): " + e.getMessage(), e);
        }
        return settings(host, port);
    }

    private static Map<String, String> settings(String host, int port) {
        return Map.of("baochay.alarm.mqtt.host", host, "baochay.alarm.mqtt.port", String.valueOf(port));
    }

    @Override
    public void stop() {
        if (container != null) {
            container.stop();
        }
    }
}
