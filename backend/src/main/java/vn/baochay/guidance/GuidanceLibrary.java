package vn.baochay.guidance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The safety guidance shipped in {@code guidance/}: read and checked once at start-up (the
 * application does not start with a broken topic, see {@link GuidanceFile}), and rendered then, in
 * both languages, to the exact bytes every request is answered with. The text changes only with a
 * release, so nothing is rendered per request and every document has one strong ETag.
 */
@Startup
@ApplicationScoped
public class GuidanceLibrary {

    private static final Logger LOG = Logger.getLogger(GuidanceLibrary.class);

    static final String FOLDER = "guidance/";
    static final String INDEX = FOLDER + "index.txt";

    /** How many hex digits of the body's SHA-256 an ETag carries: 128 bits, no collision in practice. */
    private static final int TAG_HEX_DIGITS = 32;

    /** A document as served: its body and its quoted, strong ETag. */
    public record Document(byte[] body, String etag) {
        public int bytes() {
            return body.length;
        }
    }

    private record Rendered(Document index, Document bundle, Map<String, Document> topics) {
    }

    private final Map<Language, Rendered> rendered = new EnumMap<>(Language.class);

    GuidanceLibrary(ObjectMapper json) throws IOException {
        List<GuidanceTopic> topics = load();
        for (Language language : Language.values()) {
            rendered.put(language, render(json, topics, language));
        }
        LOG.infof("Loaded %d guidance topics; bundle %d bytes (vi), %d bytes (en)", topics.size(),
                rendered.get(Language.VI).bundle().bytes(), rendered.get(Language.EN).bundle().bytes());
    }

    public Document index(Language language) {
        return rendered.get(language).index();
    }

    public Document bundle(Language language) {
        return rendered.get(language).bundle();
    }

    /** The topic's document, or empty when there is no topic of that id. */
    public Optional<Document> topic(String id, Language language) {
        return Optional.ofNullable(rendered.get(language).topics().get(id));
    }

    /** Every topic named in the index, checked, in their order. */
    static List<GuidanceTopic> load() throws IOException {
        List<String> ids;
        try (InputStream in = open(INDEX)) {
            ids = GuidanceFile.index(INDEX, in);
        }
        List<GuidanceTopic> topics = new ArrayList<>();
        for (String id : ids) {
            try (InputStream in = open(FOLDER + id + ".yaml")) {
                topics.add(GuidanceFile.read(id, in));
            }
        }
        GuidanceFile.checkOrders(topics);
        topics.sort(Comparator.comparingInt(GuidanceTopic::order));
        return topics;
    }

    private static Rendered render(ObjectMapper json, List<GuidanceTopic> topics, Language language) {
        Map<String, Document> documents = new LinkedHashMap<>();
        List<GuidanceDocuments.Topic> bodies = new ArrayList<>();
        List<GuidanceDocuments.TopicEntry> entries = new ArrayList<>();
        for (GuidanceTopic topic : topics) {
            GuidanceDocuments.Topic body = GuidanceDocuments.Topic.of(topic, language);
            Document document = document(language, bytes(json, body));
            documents.put(topic.id(), document);
            bodies.add(body);
            entries.add(new GuidanceDocuments.TopicEntry(topic.id(), topic.hazard(), topic.order(), body.title(),
                    body.summary(), topic.version(), document.bytes(), document.etag()));
        }
        // A body cannot carry the hash of itself: the bundle's ETag is that of the bundle with an
        // empty etag field, which changes exactly when any of its topics does.
        String bundleTag = document(language, bytes(json, new GuidanceDocuments.Bundle(language.tag(), "", bodies)))
                .etag();
        Document bundle = new Document(bytes(json, new GuidanceDocuments.Bundle(language.tag(), bundleTag, bodies)),
                bundleTag);
        Document index = document(language, bytes(json, new GuidanceDocuments.Index(language.tag(),
                new GuidanceDocuments.BundleEntry(bundle.etag(), bundle.bytes()), entries)));
        return new Rendered(index, bundle, Map.copyOf(documents));
    }

    private static Document document(Language language, byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            String hex = java.util.HexFormat.of().formatHex(digest).substring(0, TAG_HEX_DIGITS);
            return new Document(body, "\"g-" + language.tag() + "-" + hex + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] bytes(ObjectMapper json, Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot render guidance", e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("Missing classpath resource " + resource
                    + (resource.equals(INDEX) ? "" : " (listed in " + INDEX + ")"));
        }
        return in;
    }
}
