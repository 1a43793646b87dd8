package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiaDcsTest {

    @Test
    void aFireAlarmNamesItsAccountAreaAndZone() {
        SiaDcs message = SiaDcs.parse("#1234|Nri1/FA001").orElseThrow();

        assertThat(message.account()).isEqualTo("1234");
        assertThat(message.events()).containsExactly(new SiaDcs.Event("FA", "1", "001", ""));
        assertThat(message.events().get(0).meaning()).isEqualTo(SignalMeaning.FIRE_ALARM);
    }

    @Test
    void aFireAlarmMayComeWithoutModifiers() {
        // The message data of the example frame in DC-09.
        SiaDcs.Event event = SiaDcs.parse("#12345A|NFA129").orElseThrow().events().get(0);

        assertThat(event.code()).isEqualTo("FA");
        assertThat(event.zone()).isEqualTo("129");
        assertThat(event.area()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}, about {2}")
    @CsvSource({
            "FA, FIRE_ALARM, FIRE_ALARM",
            "FR, RESTORE, FIRE_ALARM",
            "FH, RESTORE, FIRE_ALARM",
            "FT, FAULT, FAULT",
            "FJ, RESTORE, FAULT",
            "FS, FAULT, FAULT",
            "YT, FAULT, FAULT",
            "AT, FAULT, FAULT",
            "AR, RESTORE, FAULT",
            "RP, TEST, TEST",
            "FX, TEST, TEST",
            "BA, OTHER, OTHER",
            "CL, OTHER, OTHER",
            "ZZ, OTHER, OTHER"})
    void eachCodeMeansWhatTheFireServiceMustDo(String code, SignalMeaning meaning, SignalMeaning condition) {
        SiaDcs.Event event = SiaDcs.parse("#1234|Nri1/" + code + "003").orElseThrow().events().get(0);

        assertThat(event.meaning()).isEqualTo(meaning);
        assertThat(event.condition()).isEqualTo(condition);
    }

    @Test
    void aSiaFireAlarmAndAContactIdFireAlarmMeanTheSame() {
        SignalMeaning sia = SiaDcs.parse("#1234|NFA001").orElseThrow().events().get(0).meaning();
        SignalMeaning contactId = ContactId.parse("#1234|1110 00 001").orElseThrow().meaning();

        assertThat(sia).isEqualTo(contactId).isEqualTo(SignalMeaning.FIRE_ALARM);
    }

    @Test
    void theTextAPanelAddsIsKept() {
        // From a real panel, eavanvalkenburg/pysiaalarm#11.
        SiaDcs.Event event = SiaDcs.parse("#123456|Nri1CL0^VX FRONTE ^").orElseThrow().events().get(0);

        assertThat(event).isEqualTo(new SiaDcs.Event("CL", "1", "0", "VX FRONTE "));
    }

    @Test
    void severalEventsInOneMessageShareTheArea() {
        SiaDcs message = SiaDcs.parse("#1234|Nri2/FA001/FA014").orElseThrow();

        assertThat(message.events()).extracting(SiaDcs.Event::zone).containsExactly("001", "014");
        assertThat(message.events()).extracting(SiaDcs.Event::area).containsExactly("2", "2");
    }

    @Test
    void modifiersOtherThanTheAreaAreSkipped() {
        SiaDcs.Event event = SiaDcs.parse("#0123|Nti20:50/id7/ri3/RP").orElseThrow().events().get(0);

        assertThat(event).isEqualTo(new SiaDcs.Event("RP", "3", "", ""));
    }

    @Test
    void aCodeStartingWithNIsNotTakenForTheBlockHeader() {
        assertThat(SiaDcs.parse("#1234|NT01").orElseThrow().events().get(0).code()).isEqualTo("NT");
        assertThat(SiaDcs.parse("#1234|NNT01").orElseThrow().events().get(0).code()).isEqualTo("NT");
    }

    @Test
    void theAccountInTheDataIsOptional() {
        SiaDcs message = SiaDcs.parse("|Nri1/CL501").orElseThrow();

        assertThat(message.account()).isNull();
        assertThat(message.events().get(0).code()).isEqualTo("CL");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "N", "#1234|", "#1234|Nri1", "#1234|Nri1/12", "hello world", "#1234|N/fa001",
            "1110 01 015"})
    void dataWithoutAnEventIsNotRead(String data) {
        assertThat(SiaDcs.parse(data)).isEmpty();
    }
}
