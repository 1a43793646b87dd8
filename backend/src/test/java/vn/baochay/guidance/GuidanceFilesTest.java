package vn.baochay.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checks that keep a broken topic from ever reaching a phone: the application refuses to start
 * with one (GuidanceLibrary), and the shipped files pass them.
 */
class GuidanceFilesTest {

    private static final Path FOLDER = Path.of("src/main/resources/guidance");

    private static final String VALID = """
            id: house-fire
            version: 1
            hazard: FIRE
            order: 1
            sources:
              - name: "Cục Cảnh sát PCCC và CNCH, Bộ Công an"
                url: "https://canhsatpccc.gov.vn/"
            vi:
              title: "Cháy nhà ở"
              summary: "Thoát ra ngoài thật nhanh."
              steps:
                - "Hô to để báo cho mọi người."
                - "Ra ngoài ngay."
              dont:
                - "Không đi thang máy."
              call: "Gọi 114."
            en:
              title: "House fire"
              summary: "Get out fast."
              steps:
                - "Shout to warn everyone."
                - "Get out now."
              dont:
                - "Do not use a lift."
              call: "Call 114."
            """;

    private static GuidanceTopic read(String id, String yaml) throws IOException {
        return GuidanceFile.read(id, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> index(String text) throws IOException {
        return GuidanceFile.index("index.txt", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theIndexListsEveryTopicFileInTheFolderAndNothingElse() throws IOException {
        List<String> listed;
        try (InputStream in = Files.newInputStream(FOLDER.resolve("index.txt"))) {
            listed = GuidanceFile.index("index.txt", in);
        }
        List<String> files;
        try (Stream<Path> folder = Files.list(FOLDER)) {
            files = folder.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length())).collect(Collectors.toList());
        }
        assertThat(listed).as("guidance/index.txt against the folder's .yaml files")
                .containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void theShippedTopicsPassEveryCheck() throws IOException {
        List<GuidanceTopic> topics = GuidanceLibrary.load();

        assertThat(topics).hasSizeGreaterThanOrEqualTo(10);
        assertThat(topics.stream().map(GuidanceTopic::order)).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, topics.size()).boxed().toList());
    }

    @Test
    void aValidTopicIsReadWithBothLanguages() throws IOException {
        GuidanceTopic topic = read("house-fire", VALID);

        assertThat(topic.text(Language.VI).title()).isEqualTo("Cháy nhà ở");
        assertThat(topic.text(Language.EN).steps()).containsExactly("Shout to warn everyone.", "Get out now.");
        assertThat(topic.sources()).extracting(GuidanceTopic.Source::url).containsExactly("https://canhsatpccc.gov.vn/");
    }

    @Test
    void aMissingFieldIsRefusedByName() {
        assertThatThrownBy(() -> read("house-fire", VALID.replace("  call: \"Call 114.\"\n", "")))
                .isInstanceOf(InvalidGuidance.class)
                .hasMessageContaining("house-fire.yaml")
                .hasMessageContaining("en.call is required");
        assertThatThrownBy(() -> read("house-fire", VALID.replace("version: 1\n", "")))
                .isInstanceOf(InvalidGuidance.class).hasMessageContaining("version must be a whole number");
    }

    @Test
    void aStepMissingInOneLanguageIsRefused() {
        assertThatThrownBy(() -> read("house-fire", VALID.replace("    - \"Get out now.\"\n", "")))
                .isInstanceOf(InvalidGuidance.class)
                .hasMessageContaining("vi has 2 steps and en 1");
    }

    @Test
    void anIdOtherThanTheFileNameIsRefused() {
        assertThatThrownBy(() -> read("home-fire", VALID))
                .isInstanceOf(InvalidGuidance.class)
                .hasMessageContaining("id is \"house-fire\" but the file is home-fire.yaml");
    }

    @Test
    void twoTopicsWithTheSameOrderAreRefused() throws IOException {
        GuidanceTopic house = read("house-fire", VALID);
        GuidanceTopic flood = read("flood", VALID.replace("id: house-fire", "id: flood"));

        assertThatThrownBy(() -> GuidanceFile.checkOrders(List.of(house, flood)))
                .isInstanceOf(InvalidGuidance.class)
                .hasMessageContaining("order 1 is used by house-fire, flood")
                .hasMessageContaining("no topic has order 2");
    }

    @Test
    void everyProblemOfAFileIsToldAtOnce() {
        String broken = VALID.replace("hazard: FIRE", "hazard: SMOKE").replace("  title: \"House fire\"\n", "")
                .replace("https://canhsatpccc.gov.vn/", "http://canhsatpccc.gov.vn/");

        assertThatThrownBy(() -> read("house-fire", broken))
                .isInstanceOf(InvalidGuidance.class)
                .hasMessageContaining("hazard must be one of")
                .hasMessageContaining("en.title is required")
                .hasMessageContaining("sources[0].url must be an https:// address");
    }

    @Test
    void decomposedVietnameseIsRefused() {
        String decomposed = VALID.replace("Cháy nhà ở", Normalizer.normalize("Cháy nhà ở", Normalizer.Form.NFD));

        assertThatThrownBy(() -> read("house-fire", decomposed))
                .isInstanceOf(InvalidGuidance.class).hasMessageContaining("vi.title is not Unicode NFC");
    }

    @Test
    void aKeyWrittenTwiceIsRefused() {
        assertThatThrownBy(() -> read("house-fire", VALID.replace("order: 1\n", "order: 1\norder: 2\n")))
                .isInstanceOf(InvalidGuidance.class).hasMessageContaining("order");
    }

    @Test
    void anIndexThatListsATopicTwiceOrTheBundleIsRefused() {
        assertThatThrownBy(() -> index("# topics\nhouse-fire\n\nflood\nhouse-fire\n"))
                .isInstanceOf(InvalidGuidance.class).hasMessageContaining("line 5: house-fire is listed twice");
        assertThatThrownBy(() -> index("bundle\n"))
                .isInstanceOf(InvalidGuidance.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> index("House Fire\n"))
                .isInstanceOf(InvalidGuidance.class).hasMessageContaining("is not a topic id");
    }

    @Test
    void aLanguageIsChosenByItsPrimarySubtag() {
        assertThat(Language.of("en-GB")).isEqualTo(Language.EN);
        assertThat(Language.of("EN")).isEqualTo(Language.EN);
        assertThat(Language.of("fr")).isEqualTo(Language.VI);
        assertThat(Language.of("VI-x")).isEqualTo(Language.VI);
        assertThat(Language.of(null)).isEqualTo(Language.VI);
    }

    @Test
    void ifNoneMatchIsComparedWeaklyAndAsAList() {
        String tag = "\"g-vi-abc\"";
        assertThat(EntityTags.matches(tag, tag)).isTrue();
        assertThat(EntityTags.matches("W/" + tag, tag)).isTrue();
        assertThat(EntityTags.matches("\"g-vi-old\", W/\"g-vi-abc\"", tag)).isTrue();
        assertThat(EntityTags.matches("*", tag)).isTrue();
        assertThat(EntityTags.matches("\"g-vi-old\"", tag)).isFalse();
        assertThat(EntityTags.matches("g-vi-abc", tag)).isFalse();
        assertThat(EntityTags.matches(null, tag)).isFalse();
    }
}
