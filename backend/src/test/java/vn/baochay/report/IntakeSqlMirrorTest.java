package vn.baochay.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.baochay.incident.CitizenReport;
import vn.baochay.incident.Incident;
import vn.baochay.incident.IncidentConfig;
import vn.baochay.incident.IncidentKind;
import vn.baochay.incident.IncidentStatus;

/**
 * The benchmark's pgbench script (infra/bench/intake.pgbench) replays, statement by statement, the
 * SQL the application runs to take one report; its figure is the ceiling intake is compared with.
 * These checks fail when that SQL changes and the script does not, so the comparison stays honest.
 *
 * <p>How, and why this way (plain JUnit, no application started):
 * <ul>
 * <li>Statements written out in the source (native queries, Vert.x prepared queries) are compared
 * with the SQL literal of the method their marker names, normalised (parameters, case, spacing).</li>
 * <li>Statements Hibernate writes (the entities' insert, update and locking read) are not in the
 * source. Their shape was read from the PostgreSQL log of the packaged application taking reports
 * ({@code log_statement = all}; Hibernate ORM 7.2): attributes in alphabetical order, the id last
 * in an insert, every updatable column in an update with the version checked, and
 * {@code for no key update of <alias>} for a pessimistic write lock. The test rebuilds them from
 * the entities' mapping by reflection, so a new, renamed or dropped column fails it. Capturing the
 * log from a {@code @QuarkusTest} would also see a Hibernate upgrade change that shape, but it
 * would need the database's server log (or a wire-protocol proxy) inside the test suite; after a
 * Hibernate upgrade, read the log again as infra/bench/README.md says.</li>
 * <li>New statements appear as new calls: the script lists, per class on the intake path, the
 * calls to its collaborators in source order, and they must be the source's.</li>
 * <li>Values the script copies (merge radius and window, cell size, the open statuses, lock
 * namespace, ...) must be the application's.</li>
 * </ul>
 * The last test shows each kind of check failing on a changed copy, so none of them passes vacuously.
 */
class IntakeSqlMirrorTest {

    private static final Path SCRIPT = Path.of("../infra/bench/intake.pgbench");
    private static final Path SOURCES = Path.of("src/main/java/vn/baochay");
    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    /** What each Hibernate statement of the script stands for, and the source that makes Hibernate write it. */
    private static final Map<String, HibernateStatement> HIBERNATE = Map.of(
            "Incident insert", new HibernateStatement(Incident.class, Kind.INSERT,
                    "incident/IncidentRepository.java#insert", "session.persist(incident)"),
            "Incident lock", new HibernateStatement(Incident.class, Kind.LOCK,
                    "incident/IncidentRepository.java#lock",
                    "session.find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE)"),
            "Incident update", new HibernateStatement(Incident.class, Kind.UPDATE,
                    "incident/IncidentRepository.java#writeAndReadProvince", "session.flush()"),
            "CitizenReport insert", new HibernateStatement(CitizenReport.class, Kind.INSERT,
                    "incident/CitizenReportRepository.java#insert", "session.persist(report)"));

    private enum Kind { INSERT, UPDATE, LOCK }

    private record HibernateStatement(Class<?> entity, Kind kind, String source, String call) {
    }

    private record Statement(int line, String marker, String sql) {
    }

    private record Calls(int line, String target, List<String> calls) {
    }

    /** The script, cut into its SQL statements (each with the marker line before it) and its calls lines. */
    private record Script(List<Statement> statements, List<Calls> calls, List<String> problems) {

        static Script parse(String text) {
            List<Statement> statements = new ArrayList<>();
            List<Calls> calls = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            String marker = null;
            StringBuilder sql = null;
            int start = 0;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                String trimmed = line.strip();
                if (sql == null) {
                    if (trimmed.startsWith("--")) {
                        String comment = trimmed.substring(2).strip();
                        if (comment.contains(":")) {
                            problems.add("line " + (i + 1) + ": a colon in a comment (pgbench reads it as a variable)");
                        }
                        if (comment.startsWith("calls ")) {
                            String[] words = comment.substring("calls ".length()).strip().split("\\s+");
                            calls.add(new Calls(i + 1, words[0], List.of(words).subList(1, words.length)));
                        } else if (comment.startsWith("source ") || comment.startsWith("hibernate ")
                                || comment.equals("driver") || comment.startsWith("bench-only")) {
                            marker = comment.startsWith("bench-only") ? "bench-only" : comment;
                        }
                        continue;
                    }
                    if (trimmed.isEmpty() || trimmed.startsWith("\\")) {
                        continue;
                    }
                    sql = new StringBuilder();
                    start = i + 1;
                }
                sql.append(line).append('\n');
                Matcher end = Pattern.compile("(;|\\\\[ga]set(\\s+\\w+)?)\\s*$").matcher(line);
                if (end.find()) {
                    String statement = sql.substring(0, sql.length() - (line.length() - end.start()) - 1);
                    if (marker == null) {
                        problems.add("line " + start + ": a statement without a marker line before it");
                    }
                    statements.add(new Statement(start, marker, statement));
                    marker = null;
                    sql = null;
                }
            }
            if (sql != null) {
                problems.add("line " + start + ": a statement without an end (; or \\gset or \\aset)");
            }
            return new Script(statements, calls, problems);
        }
    }

    /** The application's source files, by path under vn/baochay; a test may replace one. */
    private record Sources(Function<String, String> reader) {

        static Sources fromDisk() {
            return new Sources(relative -> read(SOURCES.resolve(relative)));
        }

        Sources replacing(String relative, String text) {
            return new Sources(path -> path.equals(relative) ? text : reader.apply(path));
        }

        String file(String relative) {
            return reader.apply(relative);
        }
    }

    @Test
    void everyStatementOfTheScriptSaysWhereItComesFrom() {
        Script script = Script.parse(read(SCRIPT));
        assertThat(script.problems()).isEmpty();
        assertThat(script.statements()).extracting(Statement::marker)
                .anyMatch(m -> m.startsWith("source "))
                .anyMatch(m -> m.startsWith("hibernate "))
                .contains("driver");
    }

    @Test
    void statementsWrittenInTheSourceAreTheApplicationsSql() {
        assertThat(sourceMismatches(Script.parse(read(SCRIPT)), Sources.fromDisk())).isEmpty();
    }

    @Test
    void statementsHibernateWritesMatchTheEntitiesMapping() {
        assertThat(hibernateMismatches(Script.parse(read(SCRIPT)), Sources.fromDisk(), HIBERNATE)).isEmpty();
    }

    @Test
    void theIntakePathCallsWhatTheScriptWasWrittenFor() {
        assertThat(callMismatches(Script.parse(read(SCRIPT)), Sources.fromDisk())).isEmpty();
    }

    @Test
    void valuesTheScriptCopiesAreTheApplicationsOwn() throws Exception {
        assertThat(constantMismatches(read(SCRIPT))).isEmpty();
    }

    @Test
    void eachCheckFailsOnAChangedCopy() {
        String text = read(SCRIPT);
        Script script = Script.parse(text);
        Sources sources = Sources.fromDisk();

        String receipts = sources.file("report/ReceiptRepository.java");
        String changedSql = receipts.replace("WHERE client_report_key = :key\"", "WHERE client_report_key = :key AND 1 = 1\"");
        assertThat(changedSql).isNotEqualTo(receipts);
        assertThat(sourceMismatches(script, sources.replacing("report/ReceiptRepository.java", changedSql)))
                .anyMatch(p -> p.contains("ReceiptRepository.java#exists"));

        String nearest = sources.file("station/StationRepository.java");
        String twoStatements = nearest.replace(".getResultList()\n                .map(rows -> rows.stream().map(this::toStation)",
                ".getResultList()\n                .call(() -> session.createNativeQuery(\"SELECT 1\").getSingleResult())"
                        + "\n                .map(rows -> rows.stream().map(this::toStation)");
        assertThat(twoStatements).isNotEqualTo(nearest);
        assertThat(sourceMismatches(script, sources.replacing("station/StationRepository.java", twoStatements)))
                .anyMatch(p -> p.contains("StationRepository.java#nearest"));

        String service = sources.file("report/ReportService.java");
        String moreCalls = service.replace("return stations.nearest(", "return receipts.exists(key).chain(() -> stations.nearest(")
                .replace("config.nearestStations())", "config.nearestStations()))");
        assertThat(moreCalls).isNotEqualTo(service);
        assertThat(callMismatches(script, sources.replacing("report/ReportService.java", moreCalls)))
                .anyMatch(p -> p.contains("report/ReportService.java"));

        String repository = sources.file("incident/IncidentRepository.java");
        String otherLock = repository.replace("LockModeType.PESSIMISTIC_WRITE", "LockModeType.PESSIMISTIC_READ");
        assertThat(otherLock).isNotEqualTo(repository);
        assertThat(hibernateMismatches(script, sources.replacing("incident/IncidentRepository.java", otherLock), HIBERNATE))
                .anyMatch(p -> p.contains("Incident lock"));

        Map<String, HibernateStatement> withoutColumn = new LinkedHashMap<>(HIBERNATE);
        withoutColumn.put("CitizenReport insert", new HibernateStatement(ShorterReport.class, Kind.INSERT,
                "incident/CitizenReportRepository.java#insert", "session.persist(report)"));
        assertThat(hibernateMismatches(script, sources, withoutColumn)).anyMatch(p -> p.contains("CitizenReport insert"));

        assertThat(Script.parse(text.replace("-- source report/ReceiptRepository.java#find\n", "")).problems())
                .anyMatch(p -> p.contains("without a marker"));
        assertThat(constantMismatches(text.replace("300.0::float8 AS merge_radius_m", "250.0::float8 AS merge_radius_m")))
                .anyMatch(p -> p.contains("merge_radius_m"));
    }

    /** CitizenReport's mapping with one column fewer, to see the rebuilt insert differ. */
    @Table(name = "reports")
    private static final class ShorterReport {
        @Id
        java.util.UUID id;
        @Column(name = "client_report_key")
        byte[] clientReportKey;
    }

    // ---------------------------------------------------------------------------------------------
    // Statements written in the source

    private static List<String> sourceMismatches(Script script, Sources sources) {
        List<String> problems = new ArrayList<>();
        for (Statement statement : script.statements()) {
            if (statement.marker() == null || !statement.marker().startsWith("source ")) {
                continue;
            }
            String where = statement.marker().substring("source ".length()).strip();
            String[] fileAndMethod = where.split("#", 2);
            if (fileAndMethod.length != 2) {
                problems.add("line " + statement.line() + ": the marker needs FILE#METHOD, not " + where);
                continue;
            }
            String body = methodBody(sources.file(fileAndMethod[0]), fileAndMethod[1]);
            if (body == null) {
                problems.add(where + ": no such method (line " + statement.line() + " of the script)");
                continue;
            }
            List<String> literals = sqlLiterals(body);
            if (literals.size() != 1) {
                problems.add(where + " sends " + literals.size() + " statements; the script mirrors one (line "
                        + statement.line() + "): mirror each with its own marker");
                continue;
            }
            String expected = normalise(literals.get(0));
            String actual = normalise(statement.sql());
            if (!expected.equals(actual)) {
                problems.add(where + " runs\n  " + expected + "\nbut the script (line " + statement.line() + ") has\n  " + actual);
            }
        }
        return problems;
    }

    /** The SQL text of every native or prepared query in a method body, in order. */
    private static List<String> sqlLiterals(String body) {
        List<String> literals = new ArrayList<>();
        String code = withoutComments(body);
        Matcher m = Pattern.compile("(createNativeQuery|preparedQuery|\\.query)\\s*\\(\\s*").matcher(code);
        while (m.find()) {
            String literal = javaStringAt(code, m.end());
            literals.add(literal == null ? "<not a string literal>" : literal);
        }
        return literals;
    }

    /**
     * The same SQL text written by different hands: parameters ({@code :name}, {@code $1}, and the
     * script's NULLs that carry a parameter's name in a comment) become {@code ?}, an IN list of
     * parameters becomes one, and comments, case and spacing are dropped.
     */
    static String normalise(String sql) {
        String s = sql.replaceAll("--[^\n]*", " ");
        s = s.replaceAll("(?i)NULL\\s*/\\*=\\w+\\*/", "?");
        s = s.replaceAll("(?s)/\\*.*?\\*/", " ");
        s = s.replaceAll("(?<!:):[A-Za-z_]\\w*", "?");
        s = s.replaceAll("\\$\\d+", "?");
        s = s.replaceAll("\\s+", " ").strip();
        s = s.replaceAll(" ?([(),=<>+*/|-]) ?", "$1");
        s = s.toLowerCase(Locale.ROOT);
        s = s.replaceAll("\\bin\\(\\?(,\\?)*\\)", "in(?)");
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    // ---------------------------------------------------------------------------------------------
    // Statements Hibernate writes

    private static List<String> hibernateMismatches(Script script, Sources sources, Map<String, HibernateStatement> known) {
        List<String> problems = new ArrayList<>();
        for (Statement statement : script.statements()) {
            if (statement.marker() == null || !statement.marker().startsWith("hibernate ")) {
                continue;
            }
            String name = statement.marker().substring("hibernate ".length()).strip();
            HibernateStatement hibernate = known.get(name);
            if (hibernate == null) {
                problems.add("line " + statement.line() + ": unknown Hibernate statement '" + name + "' (known: "
                        + known.keySet() + ")");
                continue;
            }
            String[] fileAndMethod = hibernate.source().split("#", 2);
            String body = methodBody(sources.file(fileAndMethod[0]), fileAndMethod[1]);
            if (body == null || !body.contains(hibernate.call())) {
                problems.add(name + ": " + hibernate.source() + " no longer does " + hibernate.call()
                        + "; see what Hibernate writes now (infra/bench/README.md) and mirror it");
                continue;
            }
            String expected = normalise(hibernateSql(hibernate.entity(), hibernate.kind()));
            String actual = normalise(statement.sql());
            if (!expected.equals(actual)) {
                problems.add(name + ": the mapping of " + hibernate.entity().getSimpleName() + " gives\n  " + expected
                        + "\nbut the script (line " + statement.line() + ") has\n  " + actual);
            }
        }
        return problems;
    }

    /** The SQL Hibernate ORM 7 writes for an entity, as the PostgreSQL log showed it. */
    static String hibernateSql(Class<?> entity, Kind kind) {
        String table = entity.getAnnotation(Table.class).name();
        List<Field> fields = persistentFields(entity);
        Field id = fields.stream().filter(f -> f.isAnnotationPresent(Id.class)).findFirst().orElseThrow();
        List<Field> attributes = fields.stream().filter(f -> f != id)
                .sorted(Comparator.comparing(Field::getName)).toList();
        switch (kind) {
            case INSERT -> {
                List<String> columns = attributes.stream().filter(IntakeSqlMirrorTest::insertable)
                        .map(IntakeSqlMirrorTest::column).collect(Collectors.toCollection(ArrayList::new));
                columns.add(column(id));
                return "insert into " + table + " (" + String.join(",", columns) + ") values ("
                        + columns.stream().map(c -> "?").collect(Collectors.joining(",")) + ")";
            }
            case UPDATE -> {
                Field version = fields.stream().filter(f -> f.isAnnotationPresent(Version.class)).findFirst().orElseThrow();
                return "update " + table + " set " + attributes.stream().filter(IntakeSqlMirrorTest::updatable)
                        .map(f -> column(f) + "=?").collect(Collectors.joining(","))
                        + " where " + column(id) + "=? and " + column(version) + "=?";
            }
            default -> {
                String alias = Character.toLowerCase(entity.getSimpleName().charAt(0)) + "1_0";
                return "select " + Stream.concat(Stream.of(id), attributes.stream())
                        .map(f -> alias + "." + column(f)).collect(Collectors.joining(","))
                        + " from " + table + " " + alias + " where " + alias + "." + column(id) + "=?"
                        + " for no key update of " + alias;
            }
        }
    }

    private static List<Field> persistentFields(Class<?> entity) {
        return Stream.of(entity.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .filter(f -> !f.isSynthetic() && !f.getName().startsWith("$$") && !f.isAnnotationPresent(Transient.class))
                .toList();
    }

    private static String column(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column == null || column.name().isEmpty() ? field.getName() : column.name();
    }

    private static boolean insertable(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column == null || column.insertable();
    }

    private static boolean updatable(Field field) {
        Column column = field.getAnnotation(Column.class);
        return column == null || column.updatable();
    }

    // ---------------------------------------------------------------------------------------------
    // Calls on the intake path

    private static List<String> callMismatches(Script script, Sources sources) {
        List<String> problems = new ArrayList<>();
        if (script.calls().isEmpty()) {
            problems.add("the script lists no calls");
        }
        for (Calls listed : script.calls()) {
            String[] fileAndMethod = listed.target().split("#", 2);
            String source = sources.file(fileAndMethod[0]);
            String scope = fileAndMethod.length == 2 ? methodBody(source, fileAndMethod[1]) : source;
            if (scope == null) {
                problems.add(listed.target() + ": no such method (line " + listed.line() + " of the script)");
                continue;
            }
            List<String> actual = collaboratorCalls(source, scope);
            if (!actual.equals(listed.calls())) {
                problems.add(listed.target() + " now calls, in order\n  " + String.join(" ", actual)
                        + "\nbut the script (line " + listed.line() + ") lists\n  " + String.join(" ", listed.calls())
                        + "\nMirror any new SQL in intake.pgbench, then update that line.");
            }
        }
        return problems;
    }

    /**
     * Calls on the class's collaborators that can reach the database: its final fields whose type is
     * one of the application's classes (configuration interfaces excepted).
     */
    private static List<String> collaboratorCalls(String classSource, String scope) {
        List<String> fields = new ArrayList<>();
        Matcher field = Pattern.compile("private\\s+final\\s+([\\w.]+)(?:<[^;]*>)?\\s+(\\w+)\\s*;").matcher(classSource);
        while (field.find()) {
            String type = field.group(1).substring(field.group(1).lastIndexOf('.') + 1);
            if (!type.endsWith("Config") && isApplicationClass(type)) {
                fields.add(field.group(2));
            }
        }
        List<String> calls = new ArrayList<>();
        if (fields.isEmpty()) {
            return calls;
        }
        Matcher call = Pattern.compile("(?<![\\w.])(" + String.join("|", fields) + ")\\s*\\.\\s*(\\w+)\\s*\\(")
                .matcher(withoutComments(scope));
        while (call.find()) {
            calls.add(call.group(1) + "." + call.group(2));
        }
        return calls;
    }

    private static boolean isApplicationClass(String simpleName) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(simpleName + ".java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Values the script copies

    private static List<String> constantMismatches(String script) {
        Map<String, Double> copied = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([0-9][0-9.e]*)(?:::float8)?\\s+AS\\s+(\\w+)").matcher(script);
        while (m.find()) {
            copied.put(m.group(2), Double.parseDouble(m.group(1)));
        }
        Map<String, Double> own = new LinkedHashMap<>();
        try {
            own.put("merge_radius_m", Double.parseDouble(setting("baochay.incident.merge-radius-m",
                    IncidentConfig.class, "mergeRadiusM")));
            own.put("merge_radius_max_m", Double.parseDouble(setting("baochay.incident.merge-radius-max-m",
                    IncidentConfig.class, "mergeRadiusMaxM")));
            own.put("merge_window_min", (double) Duration.parse(setting("baochay.incident.merge-window",
                    IncidentConfig.class, "mergeWindow")).toMinutes());
            own.put("nearest_stations", Double.parseDouble(setting("baochay.report.nearest-stations",
                    ReportConfig.class, "nearestStations")));
            own.put("report_address_per_minute", Double.parseDouble(setting("baochay.flood.report-address-per-minute",
                    Class.forName("vn.baochay.flood.FloodConfig"), "reportAddressPerMinute")));
            own.put("lock_namespace", ((Number) staticField("vn.baochay.incident.IncidentRepository", "LOCK_NAMESPACE"))
                    .doubleValue() + IncidentKind.FIRE.ordinal());
            own.put("min_accuracy_m", (Double) staticField("vn.baochay.incident.MergePolicy", "MIN_ACCURACY_M"));
            own.put("cell_degrees", (Double) staticField("vn.baochay.incident.MergePolicy", "CELL_DEGREES"));
            own.put("metres_per_degree", (Double) staticField("vn.baochay.incident.MergePolicy", "METRES_PER_DEGREE"));
            own.put("intake_lock_wait_ms", (double) ReportService.INTAKE_LOCK_WAIT.toMillis());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("A value the script copies has moved: " + e, e);
        }
        List<String> problems = new ArrayList<>();
        own.forEach((name, value) -> {
            Double inScript = copied.get(name);
            if (inScript == null || Math.abs(inScript - value) > 1e-9 * Math.max(1, Math.abs(value))) {
                problems.add(name + ": the application uses " + value + ", the script " + inScript);
            }
        });
        List<String> statuses = new ArrayList<>();
        Matcher status = Pattern.compile("'(\\w+)' AS st(\\d)\\b").matcher(script);
        while (status.find()) {
            statuses.add(status.group(1));
        }
        List<String> open = IncidentStatus.OPEN.stream().map(Enum::name).sorted().toList();
        if (!statuses.equals(open)) {
            problems.add("the open statuses are " + open + ", the script has " + statuses);
        }
        return problems;
    }

    /** A setting as the application reads it: application.properties (no profile), else the mapping's default. */
    private static String setting(String key, Class<?> mapping, String method) throws ReflectiveOperationException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String value = properties.getProperty(key);
        return value != null ? value.strip() : mapping.getMethod(method).getAnnotation(WithDefault.class).value();
    }

    private static Object staticField(String className, String name) throws ReflectiveOperationException {
        Field field = Class.forName(className).getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    // ---------------------------------------------------------------------------------------------
    // Reading Java source

    /** The body of the named method (between its braces), or null when the source declares none. */
    static String methodBody(String source, String method) {
        String code = withoutComments(source);
        Matcher declaration = Pattern.compile("(?m)^[ \\t]*(?:@\\w+\\s+)*(?:(?:public|protected|private|static|final|"
                + "synchronized|default)\\s+)*(?:<[^>]+>\\s+)?[\\w.<>\\[\\]?, ]*[\\w>\\]]\\s+" + Pattern.quote(method)
                + "\\s*\\(").matcher(code);
        while (declaration.find()) {
            int close = matching(code, declaration.end() - 1, '(', ')');
            int brace = close + 1;
            while (brace < code.length() && code.charAt(brace) != '{' && code.charAt(brace) != ';') {
                brace++;
            }
            if (brace < code.length() && code.charAt(brace) == '{') {
                int end = matching(code, brace, '{', '}');
                return source.substring(brace + 1, end);
            }
        }
        return null;
    }

    /** The index of the bracket that closes the one at {@code open}, skipping string and char literals. */
    private static int matching(String code, int open, char opening, char closing) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(code, i) - 1;
            } else if (c == opening) {
                depth++;
            } else if (c == closing && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("Unbalanced " + opening + closing + " in a source file");
    }

    /** The index just after the string, text block or char literal that starts at {@code start}. */
    private static int endOfLiteral(String code, int start) {
        if (code.startsWith("\"\"\"", start)) {
            int end = code.indexOf("\"\"\"", start + 3);
            while (end > 0 && code.charAt(end - 1) == '\\') {
                end = code.indexOf("\"\"\"", end + 1);
            }
            return end + 3;
        }
        char quote = code.charAt(start);
        int i = start + 1;
        while (i < code.length() && code.charAt(i) != quote) {
            i += code.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    /** The value of the string literal or text block at {@code start} (after blanks), or null if there is none. */
    private static String javaStringAt(String code, int start) {
        int i = start;
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        if (i >= code.length() || code.charAt(i) != '"') {
            return null;
        }
        int end = endOfLiteral(code, i);
        if (code.startsWith("\"\"\"", i)) {
            String block = code.substring(code.indexOf('\n', i) + 1, end - 3);
            return block.stripIndent().translateEscapes();
        }
        return code.substring(i + 1, end - 1).translateEscapes();
    }

    /** The source with its comments blanked out (same length, so positions still match). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source);
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfLiteral(source, i);
            } else if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                end = end < 0 ? source.length() : end;
                blank(out, i, end);
                i = end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2) + 2;
                blank(out, i, end);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.toAbsolutePath(), e);
        }
    }
}
