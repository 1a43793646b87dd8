package vn.baochay.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A client branches on problem types, so each one the server can answer is written down for its developers. */
class ProblemTypesAreDocumentedTest {

    @Test
    void everyProblemTypeIsListedInTheCitizenContractOrTheDispatcherApiDocs() throws IOException {
        String contract = Files.readString(Path.of("../mobile-api-spec/openapi.yaml"));
        String readme = Files.readString(Path.of("../README.md"));
        for (ProblemType type : ProblemType.values()) {
            assertThat(contract.contains(type.uri()) || readme.contains("`" + type.slug() + "`"))
                    .as("%s is in mobile-api-spec/openapi.yaml or README.md", type.uri()).isTrue();
        }
    }
}
