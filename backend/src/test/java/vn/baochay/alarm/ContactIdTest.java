package vn.baochay.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContactIdTest {

    @ParameterizedTest(name = "event {0}")
    @ValueSource(strings = {"110", "111", "112", "113", "114", "115", "116", "117", "118"})
    void everyFireEventFrom110To118IsAFireAlarm(String code) {
        assertThat(ContactId.parse("#1234|1" + code + " 01 004").orElseThrow().meaning())
                .isEqualTo(SignalMeaning.FIRE_ALARM);
    }

    @ParameterizedTest(name = "event {0}: {1}")
    @CsvSource({
            "373, FAULT", // fire trouble
            "300, FAULT", // system trouble
            "301, FAULT", // AC power lost
            "302, FAULT", // low system battery
            "200, FAULT", // fire supervisory
            "571, FAULT", // fire zone bypassed
            "305, OTHER", // system reset, no trouble
            "602, TEST", // periodic test
            "601, TEST", // manual test
            "130, OTHER", // burglary
            "120, OTHER", // panic
            "401, OTHER"}) // opening by user
    void eachEventCodeMeansWhatTheFireServiceMustDo(int code, SignalMeaning meaning) {
        assertThat(ContactId.parse(String.format("#1234|1%03d 01 004", code)).orElseThrow().meaning())
                .isEqualTo(meaning);
    }

    @Test
    void aRestoreSaysWhichConditionEnded() {
        ContactId powerBack = ContactId.parse("#1234|3301 00 000").orElseThrow();

        assertThat(powerBack.qualifier()).isEqualTo(ContactId.Qualifier.RESTORE);
        assertThat(powerBack.meaning()).isEqualTo(SignalMeaning.RESTORE);
        assertThat(powerBack.condition()).isEqualTo(SignalMeaning.FAULT);
    }

    @Test
    void aPreviousEventStillPresentCountsLikeANewOne() {
        ContactId stillBurning = ContactId.parse("#1234|6111 01 002").orElseThrow();

        assertThat(stillBurning.qualifier()).isEqualTo(ContactId.Qualifier.PREVIOUS_EVENT);
        assertThat(stillBurning.meaning()).isEqualTo(SignalMeaning.FIRE_ALARM);
    }

    @Test
    void theAccountInTheDataIsOptional() {
        // The DC-09 example "[#12345A|1110 00 129]" without the account, as some panels send it.
        ContactId event = ContactId.parse("1110 00 129").orElseThrow();

        assertThat(event.account()).isNull();
        assertThat(event.partition()).isZero();
        assertThat(event.zone()).isEqualTo(129);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "1110", "1110 01 15", "2110 01 015", "1110-01-015", "#1234|1110 01 015 extra",
            "#1234|Nri1/FA001", "1110 01 0x5", "#12345678901234567|1110 01 015"})
    void dataThatIsNotContactIdIsNotRead(String data) {
        assertThat(ContactId.parse(data)).isEmpty();
    }
}
