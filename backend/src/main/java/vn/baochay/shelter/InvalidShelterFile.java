package vn.baochay.shelter;

import java.util.List;

/** A shelter file that cannot be imported, with every problem found in it; nothing from it was imported. */
public class InvalidShelterFile extends RuntimeException {

    public InvalidShelterFile(String source, List<String> problems) {
        super(source + " is not a valid shelter file:\n  " + String.join("\n  ", problems));
    }
}
