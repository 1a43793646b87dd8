package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.baochay.alarm.TransmitterFrames.SENT;
import static vn.baochay.alarm.TransmitterFrames.contactId;
import static vn.baochay.alarm.TransmitterFrames.linkTest;
import static vn.baochay.alarm.TransmitterFrames.openAnswer;
import static vn.baochay.alarm.TransmitterFrames.siaDcs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Dc09CodecTest {

    private final Dc09Codec codec = codecAt(SENT);

    @Test
    void aFireAlarmInContactIdNamesItsAccountAndZone() {
        Dc09Frame frame = accepted(codec.parse(contactId("4F39", "1110 01 015").sequence(42).bytes()));

        assertThat(frame.token()).isEqualTo(Dc09Frame.ADM_CID);
        assertThat(frame.encrypted()).isFalse();
        assertThat(frame.sequence()).isEqualTo(42);
        assertThat(frame.account()).isEqualTo("4F39");
        assertThat(frame.timestamp()).isEqualTo(SENT);
        ContactId event = ContactId.parse(frame.data()).orElseThrow();
        assertThat(event.meaning()).isEqualTo(SignalMeaning.FIRE_ALARM);
        assertThat(event.account()).isEqualTo("4F39");
        assertThat(event.eventCode()).isEqualTo(110);
        assertThat(event.partition()).isEqualTo(1);
        assertThat(event.zone()).isEqualTo(15);
    }

    @Test
    void aRestoreIsReadAsTheEndOfTheFireAlarmNotAsANewOne() {
        Dc09Frame frame = accepted(codec.parse(contactId("4F39", "3110 01 015").bytes()));

        ContactId event = ContactId.parse(frame.data()).orElseThrow();
        assertThat(event.meaning()).isEqualTo(SignalMeaning.RESTORE);
        assertThat(event.condition()).isEqualTo(SignalMeaning.FIRE_ALARM);
        assertThat(event.zone()).isEqualTo(15);
    }

    @Test
    void aFireTroubleIsAFaultAndNeverAFire() {
        Dc09Frame frame = accepted(codec.parse(contactId("4F39", "1373 01 007").bytes()));

        assertThat(ContactId.parse(frame.data()).orElseThrow().meaning()).isEqualTo(SignalMeaning.FAULT);
    }

    @Test
    void aSiaFireAlarmNamesItsZone() {
        Dc09Frame frame = accepted(codec.parse(siaDcs("12345A", "Nri1/FA129").bytes()));

        assertThat(frame.token()).isEqualTo(Dc09Frame.SIA_DCS);
        SiaDcs.Event event = SiaDcs.parse(frame.data()).orElseThrow().events().get(0);
        assertThat(event.meaning()).isEqualTo(SignalMeaning.FIRE_ALARM);
        assertThat(event.zone()).isEqualTo("129");
        assertThat(event.area()).isEqualTo("1");
    }

    @Test
    void aLinkTestIsAcceptedAndAcknowledged() {
        Dc09Frame frame = accepted(codec.parse(linkTest("1409").sequence(3).bytes()));

        assertThat(frame.isLinkTest()).isTrue();
        assertThat(frame.data()).isEmpty();
        assertThat(openAnswer(codec.ack(frame))).isEqualTo("\"ACK\"0003L0#1409[]");
    }

    @Test
    void anUnencryptedLinkTestMayLeaveOutItsTimestamp() {
        Dc09Frame frame = accepted(codec.parse(linkTest("1409").withoutTimestamp().bytes()));

        assertThat(frame.timestamp()).isNull();
    }

    @Test
    void aFrameWithABadCrcIsRefusedAndAnsweredWithNak() {
        byte[] frame = contactId("4F39", "1110 01 015").bytes();
        int zoneDigit = new String(frame, StandardCharsets.ISO_8859_1).indexOf("015]") + 2;
        frame[zoneDigit] = '6';

        Dc09Result.Refused refused = refused(codec.parse(frame));

        assertThat(refused.reason()).isEqualTo(Dc09Refusal.BAD_CRC);
        assertThat(openAnswer(codec.answer(refused))).startsWith("\"NAK\"");
    }

    @Test
    void aFrameWhoseLengthFieldDisagreesWithItsBytesIsRefused() {
        String body = contactId("4F39", "1110 01 015").body();
        String longer = "\n" + TransmitterFrames.crc(body.getBytes(StandardCharsets.ISO_8859_1))
                + String.format("%04X", body.length() + 1) + body + "\r";

        assertThat(refused(codec.parse(longer)).reason()).isEqualTo(Dc09Refusal.BAD_LENGTH);
    }

    @Test
    void aFrameCutShortIsRefusedForItsLength() {
        String frame = contactId("4F39", "1110 01 015").text();
        String cut = frame.substring(0, frame.length() - 6) + "\r";

        assertThat(refused(codec.parse(cut)).reason()).isEqualTo(Dc09Refusal.BAD_LENGTH);
    }

    @Test
    void aFrameOutsideTheTimestampWindowIsAnsweredWithNakCarryingTheReceiversTime() {
        Dc09Result.Refused refused = refused(codec.parse(contactId("4F39", "1110 01 015")
                .stampedAt(SENT.minus(Duration.ofMinutes(5))).bytes()));

        assertThat(refused.reason()).isEqualTo(Dc09Refusal.TIMESTAMP_OUT_OF_WINDOW);
        assertThat(refused.frame().account()).isEqualTo("4F39");
        assertThat(openAnswer(codec.answer(refused))).isEqualTo("\"NAK\"0000R0L0A0[]_09:26:53,03-14-2026");
    }

    @ParameterizedTest(name = "stamped {0} s from the receiver''s time: accepted {1}")
    @CsvSource({"-40, true", "-41, false", "20, true", "21, false", "0, true"})
    void theStandardWindowIsFortySecondsBehindAndTwentyAhead(long offsetSeconds, boolean accepted) {
        Dc09Result result = codec.parse(contactId("4F39", "1602 00 000")
                .stampedAt(SENT.plusSeconds(offsetSeconds)).bytes());

        assertThat(result instanceof Dc09Result.Accepted).isEqualTo(accepted);
    }

    @Test
    void aSiteMayWidenTheWindow() {
        Dc09TimestampWindow tenMinutes = new Dc09TimestampWindow(Duration.ofMinutes(10), Duration.ofMinutes(10));
        Dc09Codec lenient = new Dc09Codec(Dc09Keys.none(), tenMinutes, Clock.fixed(SENT, ZoneOffset.UTC));

        accepted(lenient.parse(contactId("4F39", "1602 00 000").stampedAt(SENT.minus(Duration.ofMinutes(5))).bytes()));
    }

    @Test
    void theAckEchoesSequenceReceiverLinePrefixAndAccount() {
        Dc09Frame frame = accepted(codec.parse(contactId("4F39", "1110 01 015")
                .sequence(7).receiver("12AB").line("3").bytes()));

        byte[] ack = codec.ack(frame);

        String body = "\"ACK\"0007R12ABL3#4F39[]";
        assertThat(new String(ack, StandardCharsets.ISO_8859_1)).isEqualTo("\n"
                + TransmitterFrames.crc(body.getBytes(StandardCharsets.US_ASCII)) + "0017" + body + "\r");
    }

    @Test
    void theAckToALinkTestIsByteForByteWhatAPublishedReceiverSent() {
        // A Pyronix panel's link test and the answer of the NiftyDC09 receiver, from home-assistant/core#180511.
        Dc09Codec atThatTime = codecAt(Instant.parse("2026-08-27T20:38:09Z"));
        Dc09Frame frame = accepted(atThatTime.parse("\nEA740027\"NULL\"0000L0#1409[]_20:38:07,08-27-2026\r"));

        assertThat(new String(atThatTime.ack(frame), StandardCharsets.ISO_8859_1))
                .isEqualTo("\n59890012\"ACK\"0000L0#1409[]\r");
    }

    @Test
    void theNakIsByteForByteWhatAPublishedReceiverSent() {
        // The NAK logged by the ioBroker.sia receiver in schmupu/ioBroker.sia#11.
        byte[] nak = codec.nak(Instant.parse("2019-05-07T15:39:35Z"));

        assertThat(new String(nak, StandardCharsets.ISO_8859_1))
                .isEqualTo("\n3C3B0025\"NAK\"0000R0L0A0[]_15:39:35,05-07-2019\r");
    }

    @Test
    void framesLoggedFromRealPanelsAreAccepted() {
        // G90 panels, from schmupu/ioBroker.sia#19 and #11: a bare "L" line prefix, and a NUL byte after the CR.
        Dc09Frame event = accepted(codecAt(Instant.parse("2020-02-09T14:33:55Z")).parse(
                "\n78FC003B\"SIA-DCS\"0001L#22334455[#22334455|NCQ1]_14:33:53,02-09-2020\r"));
        Dc09Frame link = accepted(codecAt(Instant.parse("2019-06-07T15:39:40Z")).parse(
                "\nBB86002C\"NULL\"0001L#7303658550[]_15:39:38,06-07-2019\r\0"));

        assertThat(event.linePrefix()).isEmpty();
        assertThat(SiaDcs.parse(event.data()).orElseThrow().events().get(0).code()).isEqualTo("CQ");
        assertThat(link.isLinkTest()).isTrue();
        assertThat(link.account()).isEqualTo("7303658550");
    }

    @Test
    void aFrameWithoutItsLeadingLineFeedIsStillRead() {
        String frame = contactId("4F39", "1110 01 015").text().substring(1);

        accepted(codec.parse(frame));
    }

    @Test
    void anIdTokenTheReceiverDoesNotHandleIsAnsweredWithDuh() {
        Dc09Result.Refused refused = refused(codec.parse(
                TransmitterFrames.withToken("ADM-SR", "4F39", "#4F39|123456").sequence(5).bytes()));

        assertThat(refused.reason()).isEqualTo(Dc09Refusal.UNSUPPORTED_TOKEN);
        assertThat(openAnswer(codec.answer(refused))).isEqualTo("\"DUH\"0005L0#4F39[]");
    }

    @Test
    void extendedDataIsKeptApartFromTheEvent() {
        Dc09Frame frame = accepted(codec.parse(contactId("4F39", "1110 01 015")
                .extended("X105E50.8").extended("Y21N01.9").bytes()));

        assertThat(frame.data()).isEqualTo("#4F39|1110 01 015");
        assertThat(frame.extended()).containsExactly("X105E50.8", "Y21N01.9");
    }

    @Test
    void anImpossibleTimestampIsMalformed() {
        String body = "\"ADM-CID\"0001L0#4F39[#4F39|1110 01 015]_09:26:53,02-30-2026";

        Dc09Result result = codec.parse(TransmitterFrames.frame(body));

        assertThat(refused(result).reason()).isEqualTo(Dc09Refusal.MALFORMED);
    }

    private static Dc09Codec codecAt(Instant now) {
        return new Dc09Codec(Dc09Keys.none(), Dc09TimestampWindow.STANDARD, Clock.fixed(now, ZoneOffset.UTC));
    }

    static Dc09Frame accepted(Dc09Result result) {
        assertThat(result).isInstanceOf(Dc09Result.Accepted.class);
        return ((Dc09Result.Accepted) result).frame();
    }

    static Dc09Result.Refused refused(Dc09Result result) {
        assertThat(result).isInstanceOf(Dc09Result.Refused.class);
        return (Dc09Result.Refused) result;
    }
}
