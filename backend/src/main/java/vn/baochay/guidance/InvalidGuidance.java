package vn.baochay.guidance;

import java.util.List;

/**
 * Guidance files that cannot be served, with every problem found in them. The application does not
 * start with them: half a topic, or a step missing in one language, must never reach a phone.
 */
public class InvalidGuidance extends RuntimeException {

    public InvalidGuidance(String source, List<String> problems) {
        super(source + " is not valid guidance:\n  " + String.join("\n  ", problems));
    }
}
