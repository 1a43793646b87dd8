package vn.baochay.station;

import java.util.List;

/** A station file that cannot be imported, with every problem found in it; nothing from it was imported. */
public class InvalidStationFile extends RuntimeException {

    public InvalidStationFile(String source, List<String> problems) {
        super(source + " is not a valid station file:\n  " + String.join("\n  ", problems));
    }
}
