package vn.baochay.premises;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import vn.baochay.common.PlainText;

/** Someone to call at the premises (guard room, manager): the console offers the number as tap-to-call. */
public record Contact(@NotBlank @Size(max = 100) @PlainText String name,
                      @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 .()-]{2,24}",
                              message = "must be a phone number: digits, spaces, dots, dashes, an optional leading +")
                      String phone) {
}
