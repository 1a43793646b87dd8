package vn.baochay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package-by-feature rules of STYLE.md, checked on every build. */
class ArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.baochay");

    @Test
    void featuresHaveNoImportCircles() {
        slices().matching("vn.baochay.(*)..").should().beFreeOfCycles().allowEmptyShould(false).check(APP);
    }

    @Test
    void commonDependsOnNoFeature() {
        noClasses().that().resideInAPackage("vn.baochay.common..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "vn.baochay.report..", "vn.baochay.incident..", "vn.baochay.station..")
                .allowEmptyShould(false).check(APP);
    }

    @Test
    void repositoriesAreUsedOnlyInsideTheirOwnFeature() {
        classes().that().haveSimpleNameEndingWith("Repository")
                .should().onlyBeAccessed().byClassesThat().resideInAPackage("vn.baochay.(*)..")
                .andShould().bePackagePrivate()
                .allowEmptyShould(false).check(APP);
    }

    @Test
    void resourcesDoNotTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "io.vertx.sqlclient..", "java.sql..")
                .allowEmptyShould(false).check(APP);
    }
}
