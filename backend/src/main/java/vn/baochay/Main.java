package vn.baochay;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.Arrays;
import vn.baochay.station.StationImporter;

/**
 * Runs the server, or one command and exits:
 * {@code java -jar quarkus-run.jar import-stations FILE.geojson...} (see infra/local/import-stations.sh).
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    @Inject
    StationImporter importer;

    @Override
    public int run(String... args) throws Exception {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        if (args[0].equals("import-stations") && args.length > 1) {
            return importStations(Arrays.copyOfRange(args, 1, args.length));
        }
        System.err.println("Usage: import-stations FILE.geojson [FILE.geojson ...]   (no arguments: run the server)");
        return 2;
    }

    private int importStations(String[] files) throws Exception {
        for (String file : files) {
            try {
                StationImporter.ImportResult result = importer.importFrom(file);
                System.out.printf("%s: %d stations, %d units imported%n", file, result.stations(), result.units());
            } catch (vn.baochay.station.InvalidStationFile | java.io.IOException e) {
                System.err.println(e.getMessage());
                System.err.println("Nothing from " + file + " was imported.");
                return 1;
            }
        }
        return 0;
    }
}
