package vn.baochay.guidance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The guidance folder as read and checked before anything is served: {@code guidance/index.txt}
 * names the topics, and each {@code guidance/<id>.yaml} is checked against the format in
 * guidance/README.md, its checklist included (the id is the file name, orders are 1..N without
 * duplicates, both languages have as many steps and "do not" items, no text is empty, all text is
 * NFC). Every problem of a file is collected, so one start tells the author all of them.
 *
 * <p>Longer than most classes: every rule of the topic file format is checked here, in one place, so that
 * a malformed topic stops the start with all of its problems listed.
 */
final class GuidanceFile {

    /** What a topic id looks like; also the only ids {@code /guidance/{id}} ever looks up. */
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

    /** Served at {@code /guidance/bundle}, so no topic may be called that. */
    static final String RESERVED_ID = "bundle";

    static final Set<String> HAZARDS = Set.of("FIRE", "EXPLOSION", "FLOOD", "LANDSLIDE", "EARTHQUAKE", "TYPHOON",
            "FIRST_AID");

    /** A key written twice would silently keep the last one; refuse it instead. */
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private GuidanceFile() {
    }

    /**
     * The topic ids listed in {@code index.txt}, one a line; blank lines and lines starting with
     * {@code #} are skipped. A jar cannot list a folder of its own resources, hence the index.
     */
    static List<String> index(String source, InputStream in) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!ID.matcher(line).matches()) {
                problems.add("line " + (i + 1) + ": \"" + line + "\" is not a topic id (lowercase ASCII letters, digits, hyphens)");
            } else if (line.equals(RESERVED_ID)) {
                problems.add("line " + (i + 1) + ": \"" + RESERVED_ID + "\" is reserved for the bundle");
            } else if (ids.contains(line)) {
                problems.add("line " + (i + 1) + ": " + line + " is listed twice");
            } else {
                ids.add(line);
            }
        }
        if (ids.isEmpty() && problems.isEmpty()) {
            problems.add("it lists no topic");
        }
        if (!problems.isEmpty()) {
            throw new InvalidGuidance(source, problems);
        }
        return ids;
    }

    /** Reads and checks the topic file of {@code id}. */
    static GuidanceTopic read(String id, InputStream yaml) throws IOException {
        String source = id + ".yaml";
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidGuidance(source, List.of("it is not valid YAML: " + e.getOriginalMessage()));
        }
        return parse(id, root);
    }

    static GuidanceTopic parse(String id, JsonNode root) {
        String source = id + ".yaml";
        if (root == null || !root.isObject()) {
            throw new InvalidGuidance(source, List.of("the top level must be a map of keys"));
        }
        List<String> problems = new ArrayList<>();
        String fileId = text(root, "id", "", problems);
        if (fileId != null && !fileId.equals(id)) {
            problems.add("id is \"" + fileId + "\" but the file is " + source + ": they must be the same");
        }
        int version = integer(root, "version", problems);
        String hazard = text(root, "hazard", "", problems);
        if (hazard != null && !HAZARDS.contains(hazard)) {
            problems.add("hazard must be one of " + new TreeSet<>(HAZARDS));
        }
        int order = integer(root, "order", problems);
        List<GuidanceTopic.Source> sources = sources(root.path("sources"), problems);
        GuidanceTopic.Text vi = text(root.path("vi"), "vi", problems);
        GuidanceTopic.Text en = text(root.path("en"), "en", problems);
        if (vi != null && en != null) {
            if (vi.steps().size() != en.steps().size()) {
                problems.add("vi has " + vi.steps().size() + " steps and en " + en.steps().size()
                        + ": each step must be in both languages");
            }
            if (vi.dont().size() != en.dont().size()) {
                problems.add("vi has " + vi.dont().size() + " dont items and en " + en.dont().size()
                        + ": each item must be in both languages");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidGuidance(source, problems);
        }
        return new GuidanceTopic(id, version, hazard, order, sources, vi, en);
    }

    /** Orders are 1..N for N topics: no duplicates, no gaps. */
    static void checkOrders(List<GuidanceTopic> topics) {
        Map<Integer, List<String>> byOrder = new TreeMap<>();
        topics.forEach(t -> byOrder.computeIfAbsent(t.order(), o -> new ArrayList<>()).add(t.id()));
        List<String> problems = new ArrayList<>();
        byOrder.forEach((order, ids) -> {
            if (ids.size() > 1) {
                problems.add("order " + order + " is used by " + String.join(", ", ids));
            }
        });
        for (int order = 1; order <= topics.size(); order++) {
            if (!byOrder.containsKey(order)) {
                problems.add("no topic has order " + order + " (orders run 1.." + topics.size() + " without gaps)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidGuidance("the guidance folder", problems);
        }
    }

    private static List<GuidanceTopic.Source> sources(JsonNode node, List<String> problems) {
        List<GuidanceTopic.Source> sources = new ArrayList<>();
        if (!node.isArray() || node.isEmpty()) {
            problems.add("sources must be a list of at least one {name, url}");
            return sources;
        }
        for (int i = 0; i < node.size(); i++) {
            String where = "sources[" + i + "].";
            String name = text(node.get(i), "name", where, problems);
            String url = text(node.get(i), "url", where, problems);
            if (url != null && !url.startsWith("https://")) {
                problems.add(where + "url must be an https:// address");
            }
            sources.add(new GuidanceTopic.Source(name, url));
        }
        return sources;
    }

    private static GuidanceTopic.Text text(JsonNode node, String language, List<String> problems) {
        if (!node.isObject()) {
            problems.add(language + " is required: a map with title, summary, steps, dont and call");
            return null;
        }
        String where = language + ".";
        int before = problems.size();
        GuidanceTopic.Text text = new GuidanceTopic.Text(text(node, "title", where, problems),
                text(node, "summary", where, problems), list(node, "steps", where, problems),
                list(node, "dont", where, problems), text(node, "call", where, problems));
        return problems.size() == before ? text : null;
    }

    private static List<String> list(JsonNode node, String field, String where, List<String> problems) {
        JsonNode items = node.path(field);
        if (!items.isArray() || items.isEmpty()) {
            problems.add(where + field + " must be a list of at least one text");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String value = checked(items.get(i), where + field + "[" + i + "]", problems);
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    private static String text(JsonNode node, String field, String where, List<String> problems) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            problems.add(where + field + " is required");
            return null;
        }
        return checked(value, where + field, problems);
    }

    private static String checked(JsonNode value, String name, List<String> problems) {
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(name + " must be a text that is not empty");
            return null;
        }
        String text = value.asText().strip();
        if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            problems.add(name + " is not Unicode NFC (combining accents): save the file as NFC");
            return null;
        }
        return text;
    }

    private static int integer(JsonNode node, String field, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            problems.add(field + " must be a whole number of at least 1");
            return 0;
        }
        return value.asInt();
    }
}
