package vn.baochay.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.baochay.support.Dispatchers;
import vn.baochay.support.Photos;
import vn.baochay.support.Places;
import vn.baochay.support.Reporter;
import vn.baochay.support.TestClock;

/** tus 1.0 uploads as a phone on 2G makes them: created, interrupted, asked where they stand, resumed. */
@QuarkusTest
class ResumableUploadTest {

    private static final String PROBLEMS = "https://baochay.vn/problems/";

    @Inject
    TestClock clock;

    @Inject
    UploadService uploads;

    private static RequestSpecification tus(Reporter reporter) {
        return reporter.request().header("Tus-Resumable", "1.0.0");
    }

    private static String create(Reporter reporter, int length, String clientPhotoId) {
        RequestSpecification request = tus(reporter).header("Upload-Length", length);
        if (clientPhotoId != null) {
            request.header("Upload-Metadata", "filename " + b64("chợ.jpg") + ",clientPhotoId " + b64(clientPhotoId));
        }
        Response created = request.post(reporter.photosPath() + "/uploads");
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.header("Tus-Resumable")).isEqualTo("1.0.0");
        return URI(created.header("Location"));
    }

    private static Response patch(Reporter reporter, String upload, long offset, byte[] chunk) {
        return tus(reporter).header("Upload-Offset", offset).contentType("application/offset+octet-stream")
                .body(chunk).patch(upload);
    }

    private static long offset(Reporter reporter, String upload) {
        Response head = tus(reporter).head(upload);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.header("Cache-Control")).isEqualTo("no-store");
        return Long.parseLong(head.header("Upload-Offset"));
    }

    @Test
    void serverSaysWhatItSpeaks() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        reporter.request().options(reporter.photosPath() + "/uploads").then().statusCode(204)
                .header("Tus-Resumable", "1.0.0").header("Tus-Version", "1.0.0")
                .header("Tus-Extension", "creation").header("Tus-Max-Size", "10485760");
    }

    @Test
    void uploadInterruptedAt40PercentResumesToTheSamePhotoAsAWholeUpload() throws Exception {
        byte[] image = Photos.jpegWithExif(1600, 1200, 1, 21.3856, 103.0169, "2026:12:01 09:30:00");
        int cut = (int) (image.length * 0.4);
        Reporter reporter = Reporter.at(Places.inDienBien());
        String clientPhotoId = UUID.randomUUID().toString();
        String upload = create(reporter, image.length, clientPhotoId);
        assertThat(offset(reporter, upload)).isZero();

        assertThat(patch(reporter, upload, 0, Arrays.copyOf(image, cut)).then().statusCode(204)
                .extract().header("Upload-Offset")).isEqualTo(String.valueOf(cut));
        // The connection drops in the middle of the next PATCH: nothing of it is kept.
        sendHalfAPatchAndHangUp(reporter, upload, cut, Arrays.copyOfRange(image, cut, image.length));
        assertThat(offset(reporter, upload)).isEqualTo(cut);
        reporter.photos().body("photos", hasSize(0));

        // A PATCH from the wrong place is refused; from where HEAD says, it completes the photo.
        patch(reporter, upload, cut + 10, Arrays.copyOfRange(image, cut + 10, image.length)).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "upload-offset-mismatch"));
        patch(reporter, upload, cut, Arrays.copyOfRange(image, cut, image.length)).then().statusCode(204)
                .header("Upload-Offset", String.valueOf(image.length)).header("Tus-Resumable", "1.0.0");
        assertThat(offset(reporter, upload)).isEqualTo(image.length);

        String resumed = reporter.request().get(reporter.photosPath() + "/" + clientPhotoId).then().statusCode(200)
                .body("hasLocation", equalTo(true)).extract().path("photoId");
        // The same bytes in one PUT, to another report, give a byte-identical stored photo.
        Reporter whole = Reporter.at(Places.inDienBien());
        whole.putPhoto(UUID.randomUUID().toString(), image, "image/jpeg").statusCode(201);
        String wholeId = whole.photos().extract().path("photos[0].photoId");
        assertThat(dispatcherImage(resumed)).isEqualTo(dispatcherImage(wholeId));
        // And PUT with the upload's clientPhotoId is a retry of the same photo.
        reporter.putPhoto(clientPhotoId, image, "image/jpeg").statusCode(200).body("photoId", equalTo(resumed));
    }

    @Test
    void finishedBytesThatAreNoImageAreRefusedAndTheUploadDiscarded() {
        byte[] text = Photos.text();
        Reporter reporter = Reporter.at(Places.inDienBien());
        String upload = create(reporter, text.length, null);

        patch(reporter, upload, 0, text).then().statusCode(415).body("type", equalTo(PROBLEMS + "unsupported-media-type"));

        tus(reporter).head(upload).then().statusCode(404);
        reporter.photos().body("photos", hasSize(0));
    }

    @Test
    void protocolErrorsAreRefusedAndChangeNothing() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        reporter.request().header("Upload-Length", 100).post(reporter.photosPath() + "/uploads").then()
                .statusCode(412).header("Tus-Version", "1.0.0").body("type", equalTo(PROBLEMS + "tus-version"));
        tus(reporter).header("Upload-Length", 10 * 1024 * 1024 + 1).post(reporter.photosPath() + "/uploads").then()
                .statusCode(413).body("type", equalTo(PROBLEMS + "payload-too-large"));
        tus(reporter).post(reporter.photosPath() + "/uploads").then().statusCode(400)
                .body("errors[0].field", equalTo("Upload-Length"));
        tus(reporter).header("Upload-Length", 100).header("Upload-Metadata", "clientPhotoId " + b64("not-a-uuid"))
                .post(reporter.photosPath() + "/uploads").then().statusCode(400);

        String upload = create(reporter, 100, null);
        patch(reporter, upload, 0, new byte[101]).then().statusCode(413);
        tus(reporter).header("Upload-Offset", 0).contentType("image/jpeg").body(new byte[10]).patch(upload)
                .then().statusCode(415);
        new Reporter(reporter.reportId(), reporter.incidentId(), Reporter.at(Places.inDienBien()).token())
                .request().header("Tus-Resumable", "1.0.0").head(upload).then().statusCode(401);
        assertThat(offset(reporter, upload)).isZero();
    }

    @Test
    void unfinishedUploadsArePurgedADayAfterTheirLastByte() {
        Reporter reporter = Reporter.at(Places.inDienBien());
        String upload = create(reporter, 1000, null);
        patch(reporter, upload, 0, new byte[400]).then().statusCode(204);

        clock.advance(Duration.ofHours(23));
        uploads.purge().await().atMost(Duration.ofSeconds(10));
        assertThat(offset(reporter, upload)).isEqualTo(400);

        clock.advance(Duration.ofHours(2));
        uploads.purge().await().atMost(Duration.ofSeconds(10));
        tus(reporter).head(upload).then().statusCode(404);
    }

    /** Sends a PATCH's headers and half its body, then closes the connection, as a dropped 2G link does. */
    private static void sendHalfAPatchAndHangUp(Reporter reporter, String upload, long offset, byte[] rest)
            throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: localhost\r\nTus-Resumable: 1.0.0\r\n"
                    + "Authorization: Bearer " + reporter.token() + "\r\nUpload-Offset: " + offset + "\r\n"
                    + "Content-Type: application/offset+octet-stream\r\nContent-Length: " + rest.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(rest, 0, rest.length / 2);
            out.flush();
            Thread.sleep(300);
        }
        Thread.sleep(300);
    }

    private static byte[] dispatcherImage(String photoId) {
        return Dispatchers.as(Dispatchers.DIEN_BIEN).accept("*/*").get("/api/v1/dispatch/photos/" + photoId)
                .then().statusCode(200).extract().asByteArray();
    }

    private static String URI(String location) {
        return java.net.URI.create(location).getPath();
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
