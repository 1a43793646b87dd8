package vn.baochay.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Set;

/**
 * The package-by-feature rules of STYLE.md, for the application under {@code root}. They take the
 * root as a parameter so that the same rules can be shown to fail on small broken packages in the
 * test sources ({@code vn.baochay.architecture.fixtures}).
 */
final class ArchitectureRules {

    /** What talks to the database: Hibernate's session, the Vert.x SQL clients, JDBC and its pool. */
    static final String[] DATABASE = {"org.hibernate..", "io.vertx.sqlclient..", "io.vertx.mutiny.sqlclient..",
            "io.vertx.pgclient..", "io.vertx.mutiny.pgclient..", "java.sql..", "javax.sql..", "io.agroal..",
            "org.postgresql..", "net.postgis.."};

    /**
     * Classes outside repositories allowed to use those packages, each for a reason: where services
     * demarcate transactions, where database failures are classified for the retry and 503 decisions,
     * the converter of values that native queries return (for repositories), and the two bulk loaders
     * that use JDBC (and PostGIS JDBC) by design.
     */
    static final List<String> DATABASE_EXCEPTIONS = List.of("common.Transactions", "common.Failures", "common.DatabasePool",
            "common.SqlValues", "station.StationImporter", "province.ProvinceLoader");

    private ArchitectureRules() {
    }

    static ArchRule onlyRepositoriesTouchTheDatabase(String root) {
        Set<String> exceptions = Set.copyOf(DATABASE_EXCEPTIONS.stream().map(name -> root + "." + name).toList());
        return noClasses().that().resideInAPackage(root + "..")
                .and(DescribedPredicate.not(REPOSITORY))
                .and(DescribedPredicate.describe("are not a named exception " + DATABASE_EXCEPTIONS,
                        (JavaClass c) -> !exceptions.contains(outermost(c).getName())))
                .should().dependOnClassesThat().resideInAnyPackage(DATABASE)
                .because("SQL lives in repositories (STYLE.md); services say what happens in one transaction")
                .allowEmptyShould(false);
    }

    static ArchRule edgeDependsOnServicesOnly(String root) {
        return noClasses().that().resideInAPackage(root + "..").and(EDGE)
                .should().dependOnClassesThat(REPOSITORY)
                .orShould().dependOnClassesThat().resideInAnyPackage(DATABASE)
                .because("resources and socket endpoints parse, authorise and call one service method")
                .allowEmptyShould(false);
    }

    static ArchRule commonDependsOnNoFeature(String root) {
        return noClasses().that().resideInAPackage(root + ".common..")
                .should().dependOnClassesThat(DescribedPredicate.describe("belong to a feature of " + root,
                        (JavaClass c) -> c.getPackageName().startsWith(root + ".")
                                && !c.getPackageName().startsWith(root + ".common")))
                .allowEmptyShould(false);
    }

    static ArchRule featuresHaveNoImportCircles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(false);
    }

    /** Package-private, so only their own feature can reach them; other features go through its service. */
    static ArchRule repositoriesStayInsideTheirFeature(String root) {
        return noClasses().that().resideInAPackage(root + "..").and(REPOSITORY)
                .should().haveModifier(JavaModifier.PUBLIC)
                .allowEmptyShould(false);
    }

    /** A repository, or a class nested in one (such as the relay's lease of its connection). */
    static final DescribedPredicate<JavaClass> REPOSITORY = DescribedPredicate.describe("are repositories",
            c -> outermost(c).getSimpleName().endsWith("Repository"));

    /** Where HTTP and WebSocket traffic enters: JAX-RS resources, socket endpoints, route gates, filters. */
    static final DescribedPredicate<JavaClass> EDGE = DescribedPredicate.describe("are HTTP or WebSocket endpoints",
            c -> c.isAnnotatedWith("jakarta.ws.rs.Path")
                    || c.isAnnotatedWith("io.quarkus.websockets.next.WebSocket")
                    || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(
                            "org.jboss.resteasy.reactive.server.ServerRequestFilter"))
                    || c.getSimpleName().endsWith("Resource") || c.getSimpleName().endsWith("Socket")
                    || c.getSimpleName().endsWith("Gate"));

    private static JavaClass outermost(JavaClass c) {
        JavaClass current = c;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }
}
