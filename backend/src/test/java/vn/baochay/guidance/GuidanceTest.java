package vn.baochay.guidance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.baochay.support.Contract;

/** Safety guidance as the citizen app fetches it: in its language, cheap to check again, small enough for 2G. */
@QuarkusTest
class GuidanceTest {

    private static final String CACHE = "public, max-age=3600, stale-while-revalidate=86400, stale-if-error=2592000";
    private static final String NOT_FOUND = "https://baochay.vn/problems/not-found";

    private static RequestSpecification app() {
        return given().filter(Contract.RESPONSES).accept(ContentType.JSON);
    }

    private static Response get(String path, String lang) {
        RequestSpecification request = app();
        if (lang != null) {
            request.queryParam("lang", lang);
        }
        return request.get(path);
    }

    @Test
    void theIndexListsEveryTopicInOrderWithItsVietnameseTitle() {
        JsonPath index = get("/api/v1/guidance", null).then().statusCode(200)
                .header("Content-Language", "vi").extract().jsonPath();

        assertThat(index.getString("language")).isEqualTo("vi");
        List<String> ids = index.getList("topics.id", String.class);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates()
                .contains("house-fire", "flood", "landslide", "typhoon", "earthquake");
        List<Integer> orders = index.getList("topics.order", Integer.class);
        assertThat(orders).isSorted().startsWith(1).doesNotHaveDuplicates();
        assertThat(index.getString("topics.find { it.id == 'house-fire' }.title")).isEqualTo("Cháy nhà ở");
        // Vietnamese with its diacritics, composed as phones expect: not stripped to ASCII.
        assertThat(index.getList("topics.title", String.class)).allSatisfy(title -> {
            assertThat(title).matches(".*[^\\x00-\\x7F].*");
            assertThat(Normalizer.isNormalized(title, Normalizer.Form.NFC)).isTrue();
        });
    }

    @Test
    void theIndexGivesTheSizeAndETagOfEveryDocumentAsServed() {
        JsonPath index = get("/api/v1/guidance", "en").then().statusCode(200).extract().jsonPath();

        for (String id : index.getList("topics.id", String.class)) {
            Response topic = get("/api/v1/guidance/" + id, "en");
            topic.then().statusCode(200);
            String entry = "topics.find { it.id == '" + id + "' }";
            assertThat(topic.header("ETag")).as(id).isEqualTo(index.getString(entry + ".etag"));
            assertThat(topic.asByteArray().length).as(id).isEqualTo(index.getInt(entry + ".bytes"));
            assertThat(topic.jsonPath().getInt("version")).as(id).isEqualTo(index.getInt(entry + ".version"));
        }
        Response bundle = get("/api/v1/guidance/bundle", "en");
        assertThat(bundle.header("ETag")).isEqualTo(index.getString("bundle.etag"));
        assertThat(bundle.asByteArray().length).isEqualTo(index.getInt("bundle.bytes"));
    }

    @Test
    void aTopicAskedAgainWithItsETagIsNotSentAgain() {
        Response first = get("/api/v1/guidance/house-fire", "vi");
        first.then().statusCode(200).header("Cache-Control", CACHE);
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"g-vi-").endsWith("\"");

        // The tag itself, as a cache may have weakened it, in a list, and "anything you have".
        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"g-vi-0000\", " + etag, "*")) {
            Response again = app().queryParam("lang", "vi").header("If-None-Match", ifNoneMatch)
                    .get("/api/v1/guidance/house-fire");
            again.then().statusCode(304)
                    .header("ETag", etag)
                    .header("Cache-Control", CACHE)
                    .header("Content-Language", "vi");
            assertThat(again.asByteArray()).as(ifNoneMatch).isEmpty();
        }
        app().header("If-None-Match", "\"g-vi-0000\"").get("/api/v1/guidance/house-fire")
                .then().statusCode(200).body("id", equalTo("house-fire"));
        // The English text is another document, with a tag of its own.
        Response english = app().queryParam("lang", "en").header("If-None-Match", etag).get("/api/v1/guidance/house-fire");
        english.then().statusCode(200).header("Content-Language", "en");
        assertThat(english.header("ETag")).startsWith("\"g-en-").isNotEqualTo(etag);
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"fr", "VI-x", "", "zh-Hans"})
    void aLanguageWithoutGuidanceGetsVietnamese(String lang) {
        String vietnamese = get("/api/v1/guidance/house-fire", "vi").asString();

        Response answer = get("/api/v1/guidance/house-fire", lang);

        answer.then().statusCode(200).header("Content-Language", "vi")
                .body("language", equalTo("vi"))
                .body("title", equalTo("Cháy nhà ở"));
        assertThat(answer.asString()).isEqualTo(vietnamese);
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"en", "EN", "en-GB"})
    void englishIsServedInEveryRegionalForm(String lang) {
        JsonPath vietnamese = get("/api/v1/guidance/house-fire", "vi").jsonPath();

        JsonPath english = get("/api/v1/guidance/house-fire", lang).then().statusCode(200)
                .header("Content-Language", "en").extract().jsonPath();

        assertThat(english.getString("language")).isEqualTo("en");
        assertThat(english.getString("title")).isEqualTo("House fire");
        assertThat(english.getString("hazard")).isEqualTo("FIRE");
        // Step n in one language is step n in the other: both have all of them, at one version.
        assertThat(english.getList("steps")).hasSameSizeAs(vietnamese.getList("steps")).isNotEmpty();
        assertThat(english.getList("dont")).hasSameSizeAs(vietnamese.getList("dont")).isNotEmpty();
        assertThat(english.getInt("version")).isEqualTo(vietnamese.getInt("version"));
        assertThat(english.getList("sources.url", String.class)).isNotEmpty()
                .allSatisfy(url -> assertThat(url).startsWith("https://"));
        assertThat(english.getString("call")).contains("114");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"no-such-topic", "House-Fire", "house_fire", "house-fire.yaml"})
    void anUnknownTopicIsNotFound(String id) {
        app().get("/api/v1/guidance/" + id)
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo(NOT_FOUND));
    }

    @ParameterizedTest(name = "lang={0}")
    @ValueSource(strings = {"vi", "en"})
    void theBundleHoldsEveryTopicInUnder50KB(String lang) {
        Response bundle = get("/api/v1/guidance/bundle", lang);
        bundle.then().statusCode(200).header("Content-Language", lang).header("Cache-Control", CACHE);
        JsonPath index = get("/api/v1/guidance", lang).jsonPath();

        assertThat(bundle.asByteArray().length).isLessThan(50 * 1024);
        JsonPath body = bundle.jsonPath();
        assertThat(body.getString("language")).isEqualTo(lang);
        assertThat(body.getString("etag")).isEqualTo(bundle.header("ETag"));
        List<String> ids = index.getList("topics.id", String.class);
        assertThat(body.getList("topics.id", String.class)).containsExactlyElementsOf(ids);
        // Each topic exactly as /guidance/{id} serves it, so an app can keep either.
        for (String id : ids) {
            Map<String, Object> kept = body.getMap("topics.find { it.id == '" + id + "' }");
            assertThat(kept).as(id).isEqualTo(get("/api/v1/guidance/" + id, lang).jsonPath().getMap(""));
        }
    }

    @Test
    void theBundleAskedAgainWithItsETagIsNotSentAgain() {
        String etag = get("/api/v1/guidance/bundle", null).header("ETag");

        Response again = app().header("If-None-Match", etag).get("/api/v1/guidance/bundle");

        again.then().statusCode(304).header("ETag", etag).header("Content-Language", "vi");
        assertThat(again.asByteArray()).isEmpty();
        app().queryParam("lang", "en").header("If-None-Match", etag).get("/api/v1/guidance/bundle")
                .then().statusCode(200);
    }

    @Test
    void theIndexAskedAgainWithItsETagIsNotSentAgain() {
        String etag = get("/api/v1/guidance", "en").header("ETag");

        app().queryParam("lang", "en").header("If-None-Match", etag).get("/api/v1/guidance")
                .then().statusCode(304).header("ETag", etag).header("Content-Language", "en");
    }

    @Test
    void clientsThatAcceptGzipGetTheBundleGzipped() throws Exception {
        // The JDK client neither asks for nor undoes compression by itself: what it gets is what was sent.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI bundle = URI.create("http://localhost:" + RestAssured.port + "/api/v1/guidance/bundle");

        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(bundle).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(bundle).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding").orElse("identity")).isEqualTo("identity");
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("ETag")).isEqualTo(plain.headers().firstValue("ETag"));
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
    }
}
