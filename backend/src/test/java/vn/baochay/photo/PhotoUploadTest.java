package vn.baochay.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.LiveClient;
import vn.baochay.support.Photos;
import vn.baochay.support.Places;
import vn.baochay.support.Reporter;

/** A reporter sends photos of their report; dispatchers of its province see them, nobody else does. */
@QuarkusTest
class PhotoUploadTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("JPEG", Photos.jpeg(800, 600), "image/jpeg"),
                Arguments.of("PNG", Photos.png(800, 600), "image/png"),
                Arguments.of("WEBP", Photos.webp(800, 600), "image/webp"),
                // Judged by content: a PNG declared as a JPEG is still a PNG, and still taken.
                Arguments.of("PNG", Photos.png(640, 480), "image/jpeg"));
    }

    @ParameterizedTest(name = "{0} sent as {2}")
    @MethodSource("formats")
    void photoInEachFormatIsStoredAsAJpegTheDispatcherSees(String format, byte[] image, String declared) throws Exception {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String clientPhotoId = UUID.randomUUID().toString();

        JsonPath accepted = reporter.putPhoto(clientPhotoId, image, declared)
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("clientPhotoId", equalTo(clientPhotoId))
                .body("reportId", equalTo(reporter.reportId()))
                .body("format", equalTo(format))
                .body("hasLocation", equalTo(false))
                .extract().jsonPath();
        int width = accepted.getInt("width");
        int height = accepted.getInt("height");

        JsonPath detail = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().statusCode(200).extract().jsonPath();
        assertThat(detail.getList("reports[0].photos")).hasSize(1);
        assertThat(detail.getString("reports[0].photos[0].id")).isEqualTo(accepted.getString("photoId"));
        byte[] display = image(detail.getString("reports[0].photos[0].url"));
        byte[] thumbnail = image(detail.getString("reports[0].photos[0].thumbnailUrl"));
        BufferedImage shown = Photos.read(display);
        assertThat(shown.getWidth()).isEqualTo(width);
        assertThat(shown.getHeight()).isEqualTo(height);
        assertThat(display.length).isEqualTo(accepted.getInt("bytes"));
        assertThat(Math.max(Photos.read(thumbnail).getWidth(), Photos.read(thumbnail).getHeight())).isEqualTo(320);
        assertThat(display[0] & 0xFF).isEqualTo(0xFF);
        assertThat(display[1] & 0xFF).isEqualTo(0xD8);
    }

    @Test
    void largePhotoIsShrunkToTheDisplaySize() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        reporter.putPhoto(Photos.jpeg(4000, 3000)).statusCode(201)
                .body("width", equalTo(1600)).body("height", equalTo(1200));
    }

    @Test
    void cameraOrientationIsAppliedAndEveryPieceOfMetadataIsStrippedButDispatchersGetTheGpsHint() throws Exception {
        Reporter reporter = Reporter.at(Places.inDienBien());
        // A landscape sensor image the camera marks "turn a quarter clockwise", taken in the market.
        byte[] camera = Photos.jpegWithExif(800, 400, 6, 21.38561, 103.01692, "2026:12:01 14:05:00");

        reporter.putPhoto(UUID.randomUUID().toString(), camera, "image/jpeg").statusCode(201)
                .body("width", equalTo(400)).body("height", equalTo(800))
                .body("hasLocation", equalTo(true));

        JsonPath detail = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().statusCode(200).extract().jsonPath();
        JsonPath photo = JsonPath.from(detail.prettify()).setRootPath("reports[0].photos[0]");
        assertThat(photo.getDouble("takenAtLocation.lat")).isCloseTo(21.38561, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(photo.getDouble("takenAtLocation.lon")).isCloseTo(103.01692, org.assertj.core.data.Offset.offset(1e-5));
        // No offset in the EXIF: the phone's local time, Vietnam's (UTC+7).
        assertThat(Instant.parse(photo.getString("takenAt"))).isEqualTo(Instant.parse("2026-12-01T07:05:00Z"));

        for (String url : new String[] {photo.getString("url"), photo.getString("thumbnailUrl")}) {
            byte[] served = image(url);
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served), served.length);
            assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS in %s", url).isNull();
            assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).as("EXIF in %s", url).isNull();
            assertThat(new String(served, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Exif", "Test Phone");
        }
        // Upright: the red corner that was top-left on the sensor is now top-right.
        BufferedImage upright = Photos.read(image(photo.getString("url")));
        assertThat(upright.getWidth()).isEqualTo(400);
        assertThat(new java.awt.Color(upright.getRGB(upright.getWidth() - 10, 10)).getRed()).isGreaterThan(200);
        assertThat(new java.awt.Color(upright.getRGB(10, 10)).getRed()).isLessThan(150);
    }

    @Test
    void aPhotoThePhoneAlreadySizedIsKeptPixelForPixelWithNothingButItsPixels() throws Exception {
        Reporter reporter = Reporter.at(Places.inDienBien());
        byte[] camera = Photos.jpegWithExif(1200, 900, 1, 21.38561, 103.01692, "2026:12:01 14:05:00");

        reporter.putPhoto(UUID.randomUUID().toString(), camera, "image/jpeg").statusCode(201)
                .body("width", equalTo(1200)).body("hasLocation", equalTo(true));

        String url = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().extract().path("reports[0].photos[0].url");
        byte[] served = image(url);
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(served), served.length);
        assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();
        assertThat(metadata.getFirstDirectoryOfType(ExifIFD0Directory.class)).isNull();
        BufferedImage original = Photos.read(camera);
        BufferedImage shown = Photos.read(served);
        for (int y = 0; y < 900; y += 37) {
            for (int x = 0; x < 1200; x += 37) {
                assertThat(shown.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(original.getRGB(x, y));
            }
        }
    }

    @Test
    void retryWithTheSameBytesGetsTheSameAnswerAndStoresNothingTwice() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String clientPhotoId = UUID.randomUUID().toString();
        byte[] image = Photos.jpeg(600, 400);

        String first = reporter.putPhoto(clientPhotoId, image, "image/jpeg").statusCode(201).extract().asString();
        String again = reporter.putPhoto(clientPhotoId, image, "image/jpeg").statusCode(200).extract().asString();

        assertThat(again).isEqualTo(first);
        reporter.photos().statusCode(200).body("photos", hasSize(1)).body("maxPhotos", equalTo(6));
    }

    @Test
    void sameClientPhotoIdWithOtherBytesIsAConflictAndKeepsTheFirst() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String clientPhotoId = UUID.randomUUID().toString();
        reporter.putPhoto(clientPhotoId, Photos.jpeg(600, 400), "image/jpeg").statusCode(201);

        reporter.putPhoto(clientPhotoId, Photos.jpeg(300, 200), "image/jpeg").statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "photo-conflict"));

        reporter.request().get(reporter.photosPath() + "/" + clientPhotoId).then().statusCode(200)
                .body("width", equalTo(600));
    }

    @Test
    void aSeventhPhotoIsRefused() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        for (int i = 0; i < 6; i++) {
            reporter.putPhoto(Photos.jpeg(200 + i, 200)).statusCode(201);
        }
        reporter.putPhoto(Photos.jpeg(300, 300)).statusCode(409)
                .body("type", equalTo(PROBLEMS + "photo-limit"));
        reporter.photos().body("photos", hasSize(6));
    }

    @Test
    void wrongOrMissingTokenIsRefusedAndStoresNothing() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        Reporter other = Reporter.at(Places.inDienBien());
        Reporter forged = new Reporter(reporter.reportId(), reporter.incidentId(), other.token());
        Reporter tokenless = new Reporter(reporter.reportId(), reporter.incidentId(), "");

        forged.putPhoto(Photos.jpeg(300, 200)).statusCode(401).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "unauthenticated"));
        tokenless.putPhoto(Photos.jpeg(300, 200)).statusCode(401).body("type", equalTo(PROBLEMS + "unauthenticated"));
        new Reporter(UUID.randomUUID().toString(), reporter.incidentId(), reporter.token())
                .putPhoto(Photos.jpeg(300, 200)).statusCode(401);
        forged.photos().statusCode(401);

        reporter.photos().statusCode(200).body("photos", hasSize(0));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("text sent as an image", Photos.text(), 415, "unsupported-media-type"),
                Arguments.of("a PDF", "%PDF-1.7\n%âãÏÓ\n1 0 obj".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                        415, "unsupported-media-type"),
                Arguments.of("an empty body", new byte[0], 422, "invalid-image"),
                Arguments.of("a JPEG cut off at 60%", Photos.truncated(Photos.jpeg(1200, 900), 0.6), 422, "invalid-image"),
                Arguments.of("a PNG cut off at 60%", Photos.truncated(Photos.png(1200, 900), 0.6), 422, "invalid-image"),
                Arguments.of("a WebP cut off at 50%", Photos.truncated(Photos.webp(1200, 900), 0.5), 422, "invalid-image"),
                Arguments.of("a PNG header declaring 100 megapixels", Photos.pngDeclaring(10_000, 10_000), 413,
                        "image-too-large"),
                Arguments.of("over 10 MB", oversized(), 413, "payload-too-large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void badBodyIsRefusedWithItsTypeAndStoresNothing(String why, byte[] body, int status, String type) {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String clientPhotoId = UUID.randomUUID().toString();

        reporter.putPhoto(clientPhotoId, body, "image/jpeg").statusCode(status)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + type));

        reporter.photos().statusCode(200).body("photos", hasSize(0));
        // The same clientPhotoId is still free for the real photo.
        reporter.putPhoto(clientPhotoId, Photos.jpeg(300, 200), "image/jpeg").statusCode(201);
    }

    @Test
    void dispatcherOfAnotherProvinceCannotSeeThePhoto() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        reporter.putPhoto(Photos.jpeg(300, 200)).statusCode(201);
        String url = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().extract().path("reports[0].photos[0].thumbnailUrl");

        Dispatchers.as(Dispatchers.LAO_CAI).get(url).then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "out-of-jurisdiction"));
        io.restassured.RestAssured.given().get(url).then().statusCode(401);
        Dispatchers.as(Dispatchers.SUPERVISOR).get(url).then().statusCode(200);
    }

    @Test
    void imageIsCachedPrivatelyForGoodAndRevalidatedByItsETag() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        reporter.putPhoto(Photos.jpeg(300, 200)).statusCode(201);
        String url = Dispatchers.as(Dispatchers.DIEN_BIEN).get("/api/v1/dispatch/incidents/" + reporter.incidentId())
                .then().extract().path("reports[0].photos[0].url");

        Response first = Dispatchers.as(Dispatchers.DIEN_BIEN).accept("*/*").get(url);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("image/jpeg");
        assertThat(first.header("Cache-Control")).contains("private").contains("immutable");
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"");

        Dispatchers.as(Dispatchers.DIEN_BIEN).accept("*/*").header("If-None-Match", etag).get(url)
                .then().statusCode(304).header("ETag", etag);
        Dispatchers.as(Dispatchers.DIEN_BIEN).accept("*/*").get(url.replace("display", "huge"))
                .then().statusCode(400).body("errors[0].field", equalTo("size"));
    }

    @Test
    void consolesSeeTheNewPhotoLiveWithinASecond() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        try (LiveClient console = LiveClient.connect(Dispatchers.DIEN_BIEN, null)) {
            console.await(LiveClient.type("snapshot"), Duration.ofSeconds(5));
            long sent = System.nanoTime();
            reporter.putPhoto(Photos.jpeg(640, 480)).statusCode(201);

            JsonPath event = console.await(LiveClient.event("PhotoAdded", reporter.incidentId()), Duration.ofSeconds(1));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
            assertThat(event.getString("incident.id")).isEqualTo(reporter.incidentId());
        }
    }

    private static byte[] image(String url) {
        return Dispatchers.as(Dispatchers.DIEN_BIEN).accept("*/*").get(url).then().statusCode(200).extract().asByteArray();
    }

    private static byte[] oversized() {
        byte[] jpeg = Photos.jpeg(100, 100);
        return java.util.Arrays.copyOf(jpeg, 10 * 1024 * 1024 + 1);
    }
}
