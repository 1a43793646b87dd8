package vn.baochay.alarm;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import vn.baochay.common.OwnContext;
import vn.baochay.premises.Transmitter;

/**
 * The receiving centre's SIA DC-09 receiver, on one port for TCP and UDP. Each frame is checked (length, CRC, key,
 * timestamp window), its events stored and acted on, and only then answered ACK: an ACK means stored. A frame that
 * fails a check is answered NAK (with the receiver's time) or DUH as DC-09 says, and nothing is stored; a frame that
 * cannot be stored in time (the database is down) is answered NAK, so that the transmitter sends it again. On TCP a
 * connection's frames are answered one at a time, in order.
 */
@ApplicationScoped
public class Dc09Receiver {

    private static final Logger LOG = Logger.getLogger(Dc09Receiver.class);

    /** The longest frame DC-09 allows, with its LF, CRC, length and CR. */
    static final int MAX_FRAME = 1 + 8 + 0xFFF + 1;

    /** The UDP socket's receive buffer asked for, in bytes. */
    static final int UDP_RECEIVE_BUFFER = 4 << 20;

    private final Vertx vertx;
    private final AlarmService alarms;
    private final AlarmConfig config;
    private final Clock clock;
    private final Dc09TimestampWindow window;
    private NetServer tcp;
    private DatagramSocket udp;

    Dc09Receiver(Vertx vertx, AlarmService alarms, AlarmConfig config, Clock clock) {
        this.vertx = vertx;
        this.alarms = alarms;
        this.config = config;
        this.clock = clock;
        this.window = config.timestampWindow();
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        tcp = vertx.createNetServer(new NetServerOptions().setHost(config.host()).setPort(config.port())
                        .setIdleTimeout((int) config.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .connectHandler(this::connected);
        tcp.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // A burst (transmitters coming back after an outage, each sending at once) must wait in the socket's buffer,
        // not be dropped by the kernel: ask for 4 MiB (Linux caps it at net.core.rmem_max; raise that on a centre).
        udp = vertx.createDatagramSocket(new DatagramSocketOptions().setReceiveBufferSize(UDP_RECEIVE_BUFFER));
        udp.listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        udp.handler(packet -> answer(packet.data().getBytes(), AlarmService.Channel.DC09_UDP, reply ->
                udp.send(Buffer.buffer(reply), packet.sender().port(), packet.sender().host())));
        LOG.infof("SIA DC-09 receiver on %s, TCP port %d, UDP port %d", config.host(), tcpPort(), udpPort());
    }

    void stop(@Observes ShutdownEvent event) {
        CompletableFuture<?> closing = CompletableFuture.allOf(
                tcp == null ? CompletableFuture.completedFuture(null) : tcp.close().toCompletionStage().toCompletableFuture(),
                udp == null ? CompletableFuture.completedFuture(null) : udp.close().toCompletionStage().toCompletableFuture());
        try {
            closing.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("The DC-09 receiver did not close cleanly: %s", e.toString());
        }
    }

    /** The TCP port it listens on (useful when configured as 0). */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.actualPort();
    }

    /** The UDP port it listens on. */
    public int udpPort() {
        return udp == null ? -1 : udp.localAddress().port();
    }

    private void connected(NetSocket socket) {
        RecordParser frames = RecordParser.newDelimited("\r").maxRecordSize(MAX_FRAME);
        frames.exceptionHandler(e -> {
            LOG.warnf("DC-09 connection from %s sent a frame longer than DC-09 allows; closed", socket.remoteAddress());
            socket.close();
        });
        frames.handler(frame -> {
            // One frame at a time: the next is read once this one is answered, so answers keep the frames' order.
            socket.pause();
            byte[] bytes = frame.appendByte((byte) '\r').getBytes();
            answer(bytes, AlarmService.Channel.DC09_TCP, reply -> {
                socket.write(Buffer.buffer(reply));
                socket.resume();
            });
        });
        socket.handler(frames);
        socket.exceptionHandler(e -> LOG.debugf("DC-09 connection from %s: %s", socket.remoteAddress(), e.toString()));
    }

    /** Reads, stores and answers one frame; {@code reply} receives the answer's bytes. */
    void answer(byte[] frame, AlarmService.Channel channel, Consumer<byte[]> reply) {
        OwnContext.run(vertx, () -> handle(frame, channel), reply::accept, failure -> {
            LOG.errorf("Could not store a DC-09 frame (answered NAK, the transmitter sends it again): %s",
                    failure.toString());
            reply.accept(new Dc09Codec(Dc09Keys.none(), window, clock).nak());
        });
    }

    private Uni<byte[]> handle(byte[] bytes, AlarmService.Channel channel) {
        Optional<String> account = Dc09Codec.accountOf(bytes).map(a -> a.toUpperCase(Locale.ROOT));
        Uni<Transmitter> registered = account.isEmpty() ? Uni.createFrom().nullItem()
                : alarms.transmitter(account.get());
        return registered.chain(transmitter -> {
            Dc09Codec codec = new Dc09Codec(keysOf(transmitter), window, clock);
            Dc09Result result = codec.parse(bytes);
            if (result instanceof Dc09Result.Refused refused) {
                LOG.warnf("DC-09 frame refused (%s, answered %s) on %s: %s", refused.reason(),
                        refused.reason().answer(), channel, refused.detail());
                return Uni.createFrom().item(codec.answer(refused));
            }
            Dc09Frame frame = ((Dc09Result.Accepted) result).frame();
            if (frame.isLinkTest()) {
                return alarms.linkTest(transmitter).map(ignored -> codec.ack(frame));
            }
            Optional<List<AlarmEvent>> events = AlarmEvent.of(frame.token(), frame.data());
            if (events.isEmpty()) {
                LOG.warnf("DC-09 frame from account %s carries no event this receiver reads (answered DUH): %s",
                        frame.account(), frame.data());
                return Uni.createFrom().item(codec.duh(frame));
            }
            AlarmService.Signal signal = new AlarmService.Signal(channel, frame.account().toUpperCase(Locale.ROOT),
                    "%04d".formatted(frame.sequence()), frame.data(), events.get(), frame.timestamp());
            return alarms.accept(signal, transmitter).map(ignored -> codec.ack(frame));
        }).ifNoItem().after(config.storeTimeout()).fail();
    }

    private static Dc09Keys keysOf(Transmitter transmitter) {
        if (transmitter == null || !transmitter.encrypts()) {
            return Dc09Keys.none();
        }
        return account -> transmitter.accountId().equalsIgnoreCase(account)
                ? Optional.of(transmitter.aesKey().clone()) : Optional.empty();
    }
}
