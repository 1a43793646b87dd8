package vn.baochay.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import vn.baochay.common.PlainText;

/** A text in Vietnamese and English: an alert always speaks both. */
public record Texts(String vi, String en) {

    String in(String language) {
        return "en".equals(language) ? en : vi;
    }

    /** A headline as a dispatcher writes it: short enough for a lock screen. */
    public record Headline(@NotBlank @Size(max = 160) @PlainText String vi,
                           @NotBlank @Size(max = 160) @PlainText String en) {
        Texts texts() {
            return new Texts(vi.strip(), en.strip());
        }
    }

    /** What to do, in a few sentences. */
    public record Instruction(@NotBlank @Size(max = 1000) @PlainText String vi,
                              @NotBlank @Size(max = 1000) @PlainText String en) {
        Texts texts() {
            return new Texts(vi.strip(), en.strip());
        }
    }
}
