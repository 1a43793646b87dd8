package vn.baochay.alarm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * A premises transmitter's side of the link: sends a frame to the receiver over TCP or UDP and reads the answer
 * (after checking its framing, length and CRC as a transmitter does).
 */
final class Transmitter implements AutoCloseable {

    private static final int ANSWER_TIMEOUT_MS = 10_000;

    private final Socket tcp;
    private final DatagramSocket udp;
    private final InetSocketAddress receiver;

    private Transmitter(Socket tcp, DatagramSocket udp, InetSocketAddress receiver) {
        this.tcp = tcp;
        this.udp = udp;
        this.receiver = receiver;
    }

    /** A TCP connection to the receiver, kept open for as many frames as the test sends (as panels do). */
    static Transmitter overTcp(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ANSWER_TIMEOUT_MS);
        socket.setSoTimeout(ANSWER_TIMEOUT_MS);
        return new Transmitter(socket, null, null);
    }

    static Transmitter overUdp(int port) throws IOException {
        DatagramSocket socket = new DatagramSocket();
        socket.setSoTimeout(ANSWER_TIMEOUT_MS);
        return new Transmitter(null, socket, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Sends one frame and answers the body of the receiver's answer. */
    String send(byte[] frame) throws IOException {
        if (tcp != null) {
            tcp.getOutputStream().write(frame);
            tcp.getOutputStream().flush();
            return TransmitterFrames.openAnswer(readAnswer(tcp.getInputStream()));
        }
        udp.send(new DatagramPacket(frame, frame.length, receiver));
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        udp.receive(packet);
        return TransmitterFrames.openAnswer(Arrays.copyOf(buffer, packet.getLength()));
    }

    private static byte[] readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            answer.write(b);
            if (b == '\r') {
                return answer.toByteArray();
            }
        }
        throw new IOException("the receiver closed the connection before answering: " + answer);
    }

    @Override
    public void close() throws IOException {
        if (tcp != null) {
            tcp.close();
        }
        if (udp != null) {
            udp.close();
        }
    }
}
