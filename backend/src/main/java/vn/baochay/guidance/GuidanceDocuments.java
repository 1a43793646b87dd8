package vn.baochay.guidance;

import java.util.List;

/**
 * The JSON documents of {@code /api/v1/guidance}, in one language each. Field names and order are
 * those of the contract; {@code bytes} and {@code etag} in the index are those of the documents as
 * served, so an app can tell from the index alone which topics it must fetch again.
 */
public final class GuidanceDocuments {

    private GuidanceDocuments() {
    }

    /** {@code GET /api/v1/guidance/{id}}, and each element of the bundle. */
    public record Topic(String id, String hazard, int order, int version, String language, String title,
                        String summary, List<String> steps, List<String> dont, String call, List<Source> sources) {

        static Topic of(GuidanceTopic topic, Language language) {
            GuidanceTopic.Text text = topic.text(language);
            return new Topic(topic.id(), topic.hazard(), topic.order(), topic.version(), language.tag(), text.title(),
                    text.summary(), text.steps(), text.dont(), text.call(),
                    topic.sources().stream().map(s -> new Source(s.name(), s.url())).toList());
        }
    }

    public record Source(String name, String url) {
    }

    /** {@code GET /api/v1/guidance}: what there is, and the size and ETag of each document. */
    public record Index(String language, BundleEntry bundle, List<TopicEntry> topics) {
    }

    public record BundleEntry(String etag, int bytes) {
    }

    public record TopicEntry(String id, String hazard, int order, String title, String summary, int version,
                             int bytes, String etag) {
    }

    /** {@code GET /api/v1/guidance/bundle}: every topic, for an app to keep offline in one request. */
    public record Bundle(String language, String etag, List<Topic> topics) {
    }
}
