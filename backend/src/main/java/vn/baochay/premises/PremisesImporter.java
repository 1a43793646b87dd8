package vn.baochay.premises;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import vn.baochay.common.PointFeatures;

/**
 * Imports premises from a GeoJSON FeatureCollection of points whose properties are those of a registration
 * ({@code accountId, name, address, floors, contacts, notes, reportingIntervalSeconds, aesKey, aesKeyFormat}) plus
 * {@code demo}. The whole file is checked first and every problem reported at once; then each premises whose
 * account is not registered yet is registered (one already registered is left as it is, edits included).
 */
@ApplicationScoped
public class PremisesImporter {

    private static final Logger LOG = Logger.getLogger(PremisesImporter.class);

    private final PremisesService service;
    private final ObjectMapper json;
    private final Validator validator;

    PremisesImporter(PremisesService service, ObjectMapper json, Validator validator) {
        this.service = service;
        this.json = json;
        this.validator = validator;
    }

    record Row(NewPremises premises, boolean demo) {
    }

    /** Reads a file path or a {@code classpath:} resource; answers how many premises it registered. */
    public Uni<Integer> importFrom(String location) throws IOException {
        List<Row> rows;
        try (InputStream in = PointFeatures.open(location)) {
            rows = parse(location, json.readTree(in));
        }
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> service.registerImported(row.premises(), row.demo(), location))
                .collect().asList()
                .map(added -> (int) added.stream().filter(Boolean::booleanValue).count())
                .invoke(added -> LOG.infof("Imported %d of %d premises from %s", added, rows.size(), location));
    }

    List<Row> parse(String source, JsonNode root) {
        if (!PointFeatures.isFeatureCollection(root)) {
            throw new IllegalArgumentException(source + ": the top level must be a GeoJSON FeatureCollection");
        }
        List<String> problems = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        Set<String> accounts = new HashSet<>();
        PointFeatures.each(root, problems, f -> {
            JsonNode p = f.properties();
            NewPremises premises;
            try {
                premises = json.treeToValue(p, NewPremisesFields.class).with(f.lat(), f.lon());
            } catch (IOException | IllegalArgumentException e) {
                problems.add(f.where() + ": " + e.getMessage());
                return;
            }
            for (ConstraintViolation<NewPremises> v : validator.validate(premises)) {
                problems.add(f.where() + ": " + v.getPropertyPath() + " " + v.getMessage());
            }
            if (premises.accountId() != null && !accounts.add(premises.account())) {
                problems.add(f.where() + ": duplicate accountId " + premises.accountId());
            }
            try {
                premises.keyBytes();
            } catch (RuntimeException e) {
                problems.add(f.where() + ": " + e.getMessage());
            }
            rows.add(new Row(premises, p.path("demo").asBoolean(false)));
        });
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("it has no features");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Premises file " + source + " is invalid: " + String.join("; ", problems));
        }
        return rows;
    }

    /** A feature's properties, which carry everything but the location (that is the geometry). */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record NewPremisesFields(String accountId, String name, String address, Integer floors, List<Contact> contacts,
                             String notes, Integer reportingIntervalSeconds, String aesKey, String aesKeyFormat) {
        NewPremises with(double lat, double lon) {
            return new NewPremises(accountId, name, address, new NewPremises.Location(lat, lon), floors, contacts, notes,
                    reportingIntervalSeconds, aesKey, aesKeyFormat, null, null);
        }
    }
}
