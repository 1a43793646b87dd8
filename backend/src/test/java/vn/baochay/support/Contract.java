package vn.baochay.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import java.nio.file.Path;

/**
 * The citizen contract, mobile-api-spec/openapi.yaml, as a RestAssured filter: every response of a
 * citizen endpoint that a test receives through {@link Api} or {@link Reporter} is checked against it,
 * status, headers and body, and a response the contract does not describe fails the test.
 */
public final class Contract {

    private static final String SPEC = Path.of("../mobile-api-spec/openapi.yaml").toAbsolutePath().toUri().toString();

    /** Responses only: tests send malformed requests on purpose, and the contract rightly does not describe them. */
    public static final OpenApiValidationFilter RESPONSES = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(SPEC)
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .build())
                    .build());

    /** Requests and responses, for calls made exactly as the app makes them. */
    public static final OpenApiValidationFilter STRICT = new OpenApiValidationFilter(
            OpenApiInteractionValidator.createForSpecificationUrl(SPEC).build());

    private Contract() {
    }
}
