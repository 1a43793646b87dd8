package vn.baochay.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The package-by-feature rules hold for the application, and each of them is seen to fail on a small
 * package in the test sources that breaks it (a rule that cannot fail checks nothing).
 */
class ArchitectureTest {

    private static final String APP_ROOT = "vn.baochay";
    private static final String FIXTURES = "vn.baochay.architecture.fixtures";

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(APP_ROOT);

    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURES);

    /** Each rule, and the fixture packages that break it (one per way of breaking it that was seen in review). */
    static Stream<Arguments> rules() {
        return Stream.of(
                rule("only repositories touch the database", ArchitectureRules::onlyRepositoriesTouchTheDatabase,
                        "sqlinservice", "pgclientinservice", "jdbcinservice", "agroalinservice", "sessioninservice"),
                rule("resources and sockets depend on services only", ArchitectureRules::edgeDependsOnServicesOnly,
                        "resourceusesrepository", "socketusespool"),
                rule("common depends on no feature", ArchitectureRules::commonDependsOnNoFeature,
                        "commonusesfeature"),
                rule("features have no import circles", ArchitectureRules::featuresHaveNoImportCircles, "cycle"),
                rule("repositories stay inside their feature", ArchitectureRules::repositoriesStayInsideTheirFeature,
                        "publicrepository"));
    }

    private static Arguments rule(String name, Function<String, ArchRule> rule, String... brokenBy) {
        return Arguments.of(name, rule, brokenBy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleHoldsForTheApplication(String name, Function<String, ArchRule> rule, String[] brokenBy) {
        rule.apply(APP_ROOT).check(APP);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleFailsOnEachFixtureThatBreaksIt(String name, Function<String, ArchRule> rule, String[] brokenBy) {
        for (String fixture : brokenBy) {
            var result = rule.apply(FIXTURES + "." + fixture).evaluate(BROKEN);
            assertThat(result.hasViolation()).as("%s must fail on fixtures.%s", name, fixture).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void ruleHoldsForTheFixturesThatDoNotBreakIt(String name, Function<String, ArchRule> rule, String[] brokenBy) {
        // The clean fixture has a feature with a resource, a service and a repository done right.
        assertThat(rule.apply(FIXTURES + ".clean").evaluate(BROKEN).hasViolation()).as(name).isFalse();
    }
}
