package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Api;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.FakeFcm;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Phone;
import vn.baochay.support.Places;
import vn.baochay.support.PremisesRegistry;
import vn.baochay.support.Reports;
import vn.baochay.support.TestClock;

/**
 * The receiving centre as a premises transmitter meets it: frames sent over TCP and UDP, built by the tests' own
 * encoder ({@link TransmitterFrames}), answered ACK, NAK or DUH, and what a dispatcher then sees.
 */
@QuarkusTest
class AlarmReceiverTest {

    private static final Duration SOON = Duration.ofSeconds(5);

    @Inject
    Dc09Receiver receiver;

    @Inject
    TestClock clock;

    @Test
    void aFireAlarmOverTcpIsAcknowledgedAndReachesTheConsoleWithinASecond() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            console.await(LiveClient.type("snapshot"), SOON);

            long sent = System.nanoTime();
            String answer = panel.send(fireAlarm(account, 1, "015"));
            JsonPath opened = console.await(openedAt(premises), SOON);
            Duration took = Duration.ofNanos(System.nanoTime() - sent);

            assertThat(answer).startsWith("\"ACK\"0001L0#" + account + "[]");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
            assertThat(opened.getString("incident.kind")).isEqualTo("FIRE");
            assertThat(opened.getString("incident.source")).isEqualTo("ALARM_DEVICE");
            assertThat(opened.getString("incident.province")).isEqualTo("Điện Biên");
            assertThat(opened.getString("incident.premises.name")).isEqualTo(premises.getString("name"));
            assertThat(opened.getString("incident.premises.zone")).isEqualTo("015");

            JsonPath detail = detail(opened.getString("incidentId"));
            assertThat(detail.getString("premises.accountId")).isEqualTo(account);
            assertThat(detail.getString("premises.address")).isEqualTo(premises.getString("address"));
            assertThat(detail.getInt("premises.floors")).isEqualTo(5);
            assertThat(detail.getString("premises.contacts[0].phone")).isEqualTo("0912345678");
            assertThat(detail.getList("premises.zones")).containsExactly("015");
            assertThat(detail.getList("recommendedStations")).isNotEmpty();
            assertThat(detail.getString("reports[0].source")).isEqualTo("ALARM_DEVICE");
            assertThat(detail.getString("reports[0].zone")).isEqualTo("015");
        }
    }

    @Test
    void theIncidentDetailCarriesOnePremisesCardNotTwoPremisesKeys() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String incidentId = alarmOpensIncident(premises, 1, "002");

        String body = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + incidentId)
                .then().statusCode(200).extract().asString();

        assertThat(body.split("\"premises\"", -1)).hasSize(2);
        assertThat(new JsonPath(body).getString("premises.accountId")).isEqualTo(premises.getString("accountId"));
    }

    @Test
    void aFireAlarmOverUdpIsAcknowledgedAndOpensAnIncident() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             Transmitter panel = Transmitter.overUdp(receiver.udpPort())) {
            console.await(LiveClient.type("snapshot"), SOON);

            String answer = panel.send(TransmitterFrames.siaDcs(account, "Nri1/FA021").sequence(7)
                    .stampedAt(clock.instant()).bytes());

            assertThat(answer).startsWith("\"ACK\"0007L0#" + account + "[]");
            JsonPath opened = console.await(openedAt(premises), SOON);
            assertThat(opened.getString("incident.premises.zone")).isEqualTo("021");
        }
    }

    @Test
    void aRestoreGoesOnTheTimelineAndLeavesTheIncidentOpen() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        String incidentId = alarmOpensIncident(premises, 1, "015");

        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            String answer = panel.send(TransmitterFrames.contactId(account, "3110 01 015").sequence(2)
                    .stampedAt(clock.instant()).bytes());
            assertThat(answer).startsWith("\"ACK\"0002");
        }

        JsonPath detail = detail(incidentId);
        assertThat(detail.getString("status")).isEqualTo("NEW");
        List<Map<String, Object>> restores = detail.getList("timeline.findAll { it.type == 'AlarmRestored' }");
        assertThat(restores).hasSize(1);
        assertThat(restores.get(0)).containsEntry("zone", "015");
        assertThat(detail.getInt("reportCount")).isEqualTo(1);
    }

    @Test
    void aSecondZoneInAlarmJoinsTheOpenIncidentWithoutCountingAsAReport() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        String incidentId = alarmOpensIncident(premises, 1, "015");

        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            console.await(LiveClient.type("snapshot"), SOON);
            assertThat(panel.send(fireAlarm(account, 2, "016"))).startsWith("\"ACK\"0002");
            JsonPath again = console.await(LiveClient.event("AlarmSignalled", incidentId), SOON);
            assertThat(again.getInt("incident.reportCount")).isEqualTo(1);
        }

        JsonPath detail = detail(incidentId);
        assertThat(detail.getList("premises.zones")).containsExactly("015", "016");
        assertThat(detail.getList("timeline.findAll { it.type == 'AlarmSignalled' }.zone")).containsExactly("016");
    }

    @Test
    void aFaultPutsTheDeviceOnTheBoardLiveAndNeverOpensAFire() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null);
             Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            console.await(LiveClient.type("snapshot"), SOON);

            assertThat(panel.send(TransmitterFrames.contactId(account, "1373 01 005").sequence(1)
                    .stampedAt(clock.instant()).bytes())).startsWith("\"ACK\"0001");

            JsonPath changed = console.await(deviceChanged(premises, "FAULT"), SOON);
            assertThat(changed.getString("device.code")).isNull();
            assertThat(changed.getString("device.fault.code")).isEqualTo("373");
            assertThat(changed.getString("device.fault.zone")).isEqualTo("005");
            JsonPath onBoard = PremisesRegistry.boardEntry(premises, "");
            assertThat(onBoard.getString("state")).isEqualTo("FAULT");
            assertThat(onBoard.getString("fault.code")).isEqualTo("373");
            assertThat(onBoard.getString("since")).isNotNull();

            // The trouble is restored: the device is NORMAL again and drops off the default board.
            assertThat(panel.send(TransmitterFrames.contactId(account, "3373 01 005").sequence(2)
                    .stampedAt(clock.instant()).bytes())).startsWith("\"ACK\"0002");
            console.await(deviceChanged(premises, "NORMAL"), SOON);
            assertThat(boardIds("")).doesNotContain(premises.getString("id"));
            assertThat(PremisesRegistry.boardEntry(premises, "?state=NORMAL").getString("fault")).isNull();

            assertThat(console.seen().stream().filter(m -> "IncidentOpened".equals(m.getString("eventType"))
                    && premises.getString("id").equals(m.getString("incident.premises.id")))).isEmpty();
        }
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
    }

    @Test
    void aLinkTestIsAcknowledgedAndShowsTheDeviceAlive() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        assertThat(PremisesRegistry.boardEntry(premises, "").getString("state")).isEqualTo("UNKNOWN");

        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            String answer = panel.send(TransmitterFrames.linkTest(account).sequence(12)
                    .stampedAt(clock.instant()).bytes());
            assertThat(answer).isEqualTo("\"ACK\"0012L0#" + account + "[]");
        }

        JsonPath entry = PremisesRegistry.boardEntry(premises, "?state=ALL");
        assertThat(entry.getString("state")).isEqualTo("NORMAL");
        assertThat(Instant.parse(entry.getString("lastSignalAt"))).isAfter(clock.instant().minusSeconds(30));
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
    }

    @Test
    void aFrameWithABadCrcIsAnsweredNakAndNothingIsStored() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        byte[] damaged = fireAlarm(account, 1, "015");
        damaged[1] = (byte) (damaged[1] == '0' ? '1' : '0');

        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            assertThat(panel.send(damaged)).startsWith("\"NAK\"0000R0L0A0[]_");
        }

        assertThat(PremisesRegistry.boardEntry(premises, "").getString("state")).isEqualTo("UNKNOWN");
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
    }

    @Test
    void aFrameOutsideTheTimestampWindowIsAnsweredNakWithTheReceiversTime() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        byte[] stale = TransmitterFrames.contactId(account, "1110 01 015").sequence(1)
                .stampedAt(clock.instant().minus(Duration.ofMinutes(10))).bytes();

        String answer;
        try (Transmitter panel = Transmitter.overUdp(receiver.udpPort())) {
            answer = panel.send(stale);
        }

        assertThat(answer).startsWith("\"NAK\"0000R0L0A0[]_");
        Instant told = Dc09Timestamps.parse(answer.substring(answer.indexOf('_') + 1)).orElseThrow();
        assertThat(Duration.between(told, clock.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
        assertThat(PremisesRegistry.boardEntry(premises, "").getString("state")).isEqualTo("UNKNOWN");
    }

    @Test
    void aFrameSentAgainAfterAMissedAckIsAcknowledgedAndOpensNothingTwice() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        byte[] frame = fireAlarm(account, 41, "015");

        String first;
        String again;
        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            first = panel.send(frame);
        }
        try (Transmitter panel = Transmitter.overUdp(receiver.udpPort())) {
            again = panel.send(frame);
        }

        assertThat(first).startsWith("\"ACK\"0041");
        assertThat(again).startsWith("\"ACK\"0041");
        List<String> open = PremisesRegistry.openIncidentIds(premises);
        assertThat(open).hasSize(1);
        JsonPath detail = detail(open.get(0));
        assertThat(detail.getInt("reportCount")).isEqualTo(1);
        assertThat(detail.getList("reports")).hasSize(1);
        assertThat(detail.getList("timeline.findAll { it.type == 'AlarmSignalled' }")).isEmpty();
    }

    @Test
    void anEncryptedFrameIsReadWithThePremisesKeyAndRefusedWithAnyOther() throws Exception {
        byte[] key = TransmitterFrames.key(128, 5);
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), HexFormat.of().formatHex(key));
        String account = premises.getString("accountId");
        assertThat(premises.getBoolean("encrypted")).isTrue();
        assertThat(premises.getString("aesKey")).isNull();

        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            String wrongKey = panel.send(TransmitterFrames.contactId(account, "1110 01 015").sequence(1)
                    .stampedAt(clock.instant()).encryptedWith(TransmitterFrames.key(128, 6)).bytes());
            assertThat(wrongKey).startsWith("\"NAK\"");
            String plaintext = panel.send(fireAlarm(account, 2, "015"));
            assertThat(plaintext).startsWith("\"NAK\"");
            assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();

            String answer = panel.send(TransmitterFrames.contactId(account, "1110 01 015").sequence(3)
                    .stampedAt(clock.instant()).encryptedWith(key).bytes());
            String prefix = "\"*ACK\"0003L0#" + account + "[";
            assertThat(answer).startsWith(prefix);
            String inside = TransmitterFrames.decrypt(answer.substring(prefix.length()), key);
            assertThat(inside).hasSize(32).matches("[^|]*\\|]_\\d\\d:\\d\\d:\\d\\d,\\d\\d-\\d\\d-\\d{4}");
        }

        List<String> open = PremisesRegistry.openIncidentIds(premises);
        assertThat(open).hasSize(1);
        assertThat(detail(open.get(0)).getList("premises.zones")).containsExactly("015");
    }

    @Test
    void aSupervisedDeviceThatFallsQuietTurnsSilentOnTheConsoleWithinSeconds() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null, 60);
        String account = premises.getString("accountId");
        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            assertThat(panel.send(TransmitterFrames.linkTest(account).sequence(1).stampedAt(clock.instant()).bytes()))
                    .startsWith("\"ACK\"");
        }
        assertThat(PremisesRegistry.boardEntry(premises, "?state=ALL").getString("state")).isEqualTo("NORMAL");

        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null)) {
            console.await(LiveClient.type("snapshot"), SOON);
            clock.advance(Duration.ofSeconds(62));

            JsonPath silent = console.await(deviceChanged(premises, "SILENT"), SOON);
            assertThat(silent.getString("device.accountId")).isEqualTo(account);
            assertThat(silent.getInt("device.reportingIntervalSeconds")).isEqualTo(60);
        }
        assertThat(PremisesRegistry.boardEntry(premises, "").getString("state")).isEqualTo("SILENT");

        // It is heard again: back to NORMAL.
        try (Transmitter panel = Transmitter.overUdp(receiver.udpPort())) {
            panel.send(TransmitterFrames.linkTest(account).sequence(2).stampedAt(clock.instant()).bytes());
        }
        assertThat(PremisesRegistry.boardEntry(premises, "?state=ALL").getString("state")).isEqualTo("NORMAL");
    }

    @Test
    void anAlarmAtAMarketWhereCitizensAlsoReportEndsAsOneIncident() throws Exception {
        double[] market = Places.inDienBien();
        JsonPath premises = PremisesRegistry.register(market, null);
        String account = premises.getString("accountId");

        String byCitizen = Api.submit(Reports.at(Places.north(market, 40))).statusCode(201).extract().path("incidentId");
        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            assertThat(panel.send(fireAlarm(account, 1, "003"))).startsWith("\"ACK\"");
        }
        String another = Api.submit(Reports.at(Places.east(market, 30))).statusCode(201).extract().path("incidentId");

        assertThat(another).isEqualTo(byCitizen);
        assertThat(PremisesRegistry.openIncidentIds(premises)).containsExactly(byCitizen);
        JsonPath detail = detail(byCitizen);
        assertThat(detail.getInt("reportCount")).isEqualTo(3);
        assertThat(detail.getString("source")).isEqualTo("CITIZEN");
        assertThat(detail.getString("premises.name")).isEqualTo(premises.getString("name"));
        assertThat(detail.getList("reports.source")).containsExactlyInAnyOrder("CITIZEN", "ALARM_DEVICE", "CITIZEN");
    }

    @Test
    void citizensReportingAFireAnAlarmOpenedJoinIt() throws Exception {
        double[] market = Places.inDienBien();
        JsonPath premises = PremisesRegistry.register(market, null);
        String incidentId = alarmOpensIncident(premises, 1, "001");

        String byCitizen = Api.submit(Reports.at(Places.north(market, 25))).statusCode(201).extract().path("incidentId");

        assertThat(byCitizen).isEqualTo(incidentId);
        assertThat(detail(incidentId).getInt("reportCount")).isEqualTo(2);
        assertThat(detail(incidentId).getString("source")).isEqualTo("ALARM_DEVICE");
    }

    @Test
    void anIdTokenTheReceiverDoesNotReadIsAnsweredDuh() throws Exception {
        JsonPath premises = PremisesRegistry.register(Places.inDienBien(), null);
        String account = premises.getString("accountId");
        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            String answer = panel.send(TransmitterFrames.withToken("SIA-DCX", account, "#" + account + "|Nri1/FA001")
                    .sequence(3).stampedAt(clock.instant()).bytes());
            assertThat(answer).startsWith("\"DUH\"0003");
        }
        assertThat(PremisesRegistry.openIncidentIds(premises)).isEmpty();
    }

    @Test
    void theOwnersPhonesAreToldWhenThePremisesFireAlarmGoesOff() throws Exception {
        Phone owner = Phone.registered("vi");
        Phone manager = Phone.registered("en");
        Phone stranger = Phone.registered("vi");
        Map<String, Object> body = PremisesRegistry.body(PremisesRegistry.freshAccount(), Places.inDienBien());
        body.put("ownerDeviceIds", List.of(owner.deviceId(), manager.deviceId()));
        JsonPath premises = Dispatchers.as(Dispatchers.SUPERVISOR).body(body).post("/api/v1/dispatch/premises")
                .then().statusCode(201).extract().jsonPath();
        assertThat(premises.getList("ownerDeviceIds")).containsExactlyInAnyOrder(owner.deviceId(), manager.deviceId());

        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            assertThat(panel.send(fireAlarm(premises.getString("accountId"), 1, "001"))).startsWith("\"ACK\"");
        }

        FakeFcm.Received toOwner = FakeFcm.instance().await(owner.fcmToken(), 1, Duration.ofSeconds(15)).get(0);
        JsonNode toManager = FakeFcm.instance().await(manager.fcmToken(), 1, Duration.ofSeconds(15)).get(0).message();
        assertThat(toOwner.message().path("data").path("kind").asText()).isEqualTo("PREMISES_ALARM");
        assertThat(toOwner.message().path("notification").path("title").asText())
                .isEqualTo("Hệ thống báo cháy tại cơ sở của bạn đang báo động");
        assertThat(toManager.path("notification").path("title").asText())
                .isEqualTo("The fire alarm at your premises has gone off");
        String incidentId = toOwner.message().path("data").path("incidentId").asText();
        assertThat(detail(incidentId).getString("premises.id")).isEqualTo(premises.getString("id"));
        Thread.sleep(1000);
        assertThat(FakeFcm.instance().to(stranger.fcmToken())).isEmpty();
        assertThat(FakeFcm.instance().to(owner.fcmToken())).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------

    private byte[] fireAlarm(String account, int sequence, String zone) {
        return TransmitterFrames.contactId(account, "1110 01 " + zone).sequence(sequence)
                .stampedAt(clock.instant()).bytes();
    }

    /** Sends a fire alarm and answers the id of the incident it opened. */
    private String alarmOpensIncident(JsonPath premises, int sequence, String zone) throws Exception {
        try (Transmitter panel = Transmitter.overTcp(receiver.tcpPort())) {
            assertThat(panel.send(fireAlarm(premises.getString("accountId"), sequence, zone))).startsWith("\"ACK\"");
        }
        List<String> open = PremisesRegistry.openIncidentIds(premises);
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    private static Predicate<JsonPath> openedAt(JsonPath premises) {
        return m -> "IncidentOpened".equals(m.getString("eventType"))
                && premises.getString("id").equals(m.getString("incident.premises.id"));
    }

    private static Predicate<JsonPath> deviceChanged(JsonPath premises, String state) {
        return m -> "DeviceStateChanged".equals(m.getString("eventType"))
                && premises.getString("id").equals(m.getString("device.premisesId"))
                && state.equals(m.getString("device.state"));
    }

    private static JsonPath detail(String incidentId) {
        return Dispatchers.as(Dispatchers.SUPERVISOR).get("/api/v1/dispatch/incidents/" + incidentId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static List<String> boardIds(String query) {
        return Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/devices" + query)
                .then().statusCode(200).extract().jsonPath().getList("devices.premisesId");
    }
}
