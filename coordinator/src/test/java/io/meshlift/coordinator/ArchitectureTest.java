package io.meshlift.coordinator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The coordinator's boundaries, checked on every build. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("io.meshlift.coordinator");
    }

    @Test
    void domainExceptionsDoNotDependOnRestOrGrpc() {
        noClasses()
                .that()
                .areAssignableTo(RuntimeException.class)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "io.grpc..")
                .check(classes);
    }

    @Test
    void onlyResourcesAndTheApiPackageSpeakJaxRs() {
        // The keycloak package is a JAX-RS client of Keycloak's admin API, not a part of ours.
        noClasses()
                .that()
                .resideOutsideOfPackages("io.meshlift.coordinator.api..", "io.meshlift.coordinator.keycloak..")
                .and()
                // The Keycloak admin client is a JAX-RS client; its adapter is the one other edge that sees it.
                .resideOutsideOfPackage("io.meshlift.coordinator.keycloak..")
                .and()
                .haveSimpleNameNotEndingWith("Resource")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.ws.rs..")
                .check(classes);
    }

    @Test
    void everyRestOperationNamesTheRolesAllowedToCallIt() {
        // The one exception, enrollment, carries its own credential (a one-time token) and is @PermitAll
        // in the enrollment package only; the next rule keeps it there.
        methods()
                .that()
                .areMetaAnnotatedWith(jakarta.ws.rs.HttpMethod.class)
                .and()
                .areNotAnnotatedWith(jakarta.annotation.security.PermitAll.class)
                .should()
                .beAnnotatedWith(jakarta.annotation.security.RolesAllowed.class)
                .because("REST is deny-by-default: an operation without roles answers 403 to everyone"
                        + " (docs/security.md has the role table)")
                .check(classes);
    }

    @Test
    void onlyEnrollmentIsOpenToCallersWithoutABearerToken() {
        methods()
                .that()
                .areAnnotatedWith(jakarta.annotation.security.PermitAll.class)
                .should()
                .beDeclaredInClassesThat()
                .haveFullyQualifiedName("io.meshlift.coordinator.enrollment.EnrollResource")
                .because("every other operation needs a bearer token and roles")
                .check(classes);
        classes()
                .that()
                .areAnnotatedWith(jakarta.annotation.security.PermitAll.class)
                .should()
                .haveFullyQualifiedName("io.meshlift.coordinator.enrollment.EnrollResource")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheControlChannelSpeaksGrpcAndTheWireProtocol() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.meshlift.coordinator.control..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.grpc..", "io.meshlift.proto..")
                .because("generated protocol types stay at the edge; ControlMapper maps them to domain types")
                .check(classes);
    }

    @Test
    void theCoordinatorNeverReachesIntoTheAgent() {
        noClasses()
                .that()
                .resideInAPackage("io.meshlift.coordinator..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.meshlift.agent..")
                .check(classes);
    }

    @Test
    void theOfflineLedgerVerifierUsesTheJdkOnly() {
        String ledgerChain = "io\\.meshlift\\.coordinator\\.audit\\.LedgerChain(\\$.*)?";
        noClasses()
                .that()
                .haveNameMatching(ledgerChain)
                .should()
                .dependOnClassesThat(resideOutsideOfPackage("java..").and(not(nameMatching(ledgerChain))))
                .because("auditors run it as `java LedgerChain.java FILE`, a single source file with no classpath")
                .check(classes);
    }
}
