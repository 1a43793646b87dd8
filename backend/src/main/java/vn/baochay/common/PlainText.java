package vn.baochay.common;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person typed, as a dispatcher will read it: no NUL or other control characters (line breaks
 * and tabs excepted), and no Unicode bidirectional overrides, embeddings or isolates (U+202A–U+202E,
 * U+2066–U+2069), which can make a console show text other than what was sent. Null is valid.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlainText.Validator.class)
public @interface PlainText {
    String message() default "must not contain control characters or bidirectional overrides";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isPlain(value);
        }

        /** Whether {@code value} holds none of the refused characters. */
        public static boolean isPlain(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean control = Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r' && c != '\t';
                boolean bidi = c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
                if (control || bidi) {
                    return false;
                }
            }
            return true;
        }
    }
}
