package vn.baochay.premises;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import vn.baochay.common.PlainText;
import vn.baochay.common.Rejection;

/**
 * A premises as a supervisor registers or edits it. {@code accountId}: the transmitter's account, 3 to 16 hex
 * digits as DC-09 allows (kept in capitals). {@code aesKey}: the transmitter's key as the installer typed it,
 * {@code aesKeyFormat} HEX (32, 48 or 64 hex digits, the usual form) or TEXT (16, 24 or 32 characters, as some
 * panels take it); the two forms of one 32-character key are different keys, so the format is never guessed.
 * {@code ownerDeviceIds}: the registered phones (their {@code deviceId}) of the owners or managers, told by push
 * when the fire alarm goes off; on an edit, absent keeps them and a list replaces them.
 * On an edit an absent key keeps the one registered and an empty one removes it. {@code version}: on an edit,
 * the version being replaced.
 */
public record NewPremises(
        @NotNull @Pattern(regexp = "[0-9A-Fa-f]{3,16}", message = "must be 3 to 16 hex digits") String accountId,
        @NotBlank @Size(max = 200) @PlainText String name,
        @NotBlank @Size(max = 500) @PlainText String address,
        @NotNull @Valid Location location,
        @Min(0) @Max(200) Integer floors,
        @Size(max = 10) List<@NotNull @Valid Contact> contacts,
        @Size(max = 2000) @PlainText String notes,
        @Min(60) @Max(604800) Integer reportingIntervalSeconds,
        @Size(max = 64) String aesKey,
        @Pattern(regexp = "HEX|TEXT", message = "must be HEX or TEXT") String aesKeyFormat,
        @Size(max = 20) List<@NotNull @Pattern(regexp = UUID_PATTERN, message = "must be a device id") String> ownerDeviceIds,
        Long version) {

    static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double lon) {
    }

    String account() {
        return accountId.toUpperCase(java.util.Locale.ROOT);
    }

    List<Contact> contactList() {
        return contacts == null ? List.of() : contacts.stream()
                .map(c -> new Contact(c.name().strip(), c.phone().strip())).toList();
    }

    String notesOrNull() {
        return notes == null || notes.isBlank() ? null : notes.strip();
    }

    /** Whether this edit says anything about the owners' phones (absent: keep them). */
    boolean setsOwners() {
        return ownerDeviceIds != null;
    }

    /** The owners' phones, each once. */
    List<java.util.UUID> owners() {
        return ownerDeviceIds == null ? List.of()
                : ownerDeviceIds.stream().map(java.util.UUID::fromString).distinct().toList();
    }

    /** Whether this edit says anything about the key (absent: keep it). */
    boolean setsKey() {
        return aesKey != null;
    }

    /** The key's bytes, null for none; refuses a key of the wrong length or with characters its format lacks. */
    byte[] keyBytes() {
        if (aesKey == null || aesKey.isEmpty()) {
            return null;
        }
        if ("TEXT".equals(aesKeyFormat)) {
            boolean printable = aesKey.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
            if (!printable || !validLength(aesKey.length())) {
                throw Rejection.invalid("aesKey", "as TEXT must be 16, 24 or 32 printable ASCII characters");
            }
            return aesKey.getBytes(StandardCharsets.US_ASCII);
        }
        if (!aesKey.matches("[0-9A-Fa-f]*") || !validLength(aesKey.length() / 2) || aesKey.length() % 2 != 0) {
            throw Rejection.invalid("aesKey", "as HEX must be 32, 48 or 64 hex digits (AES-128, -192 or -256)");
        }
        return HexFormat.of().parseHex(aesKey);
    }

    private static boolean validLength(int bytes) {
        return bytes == 16 || bytes == 24 || bytes == 32;
    }
}
