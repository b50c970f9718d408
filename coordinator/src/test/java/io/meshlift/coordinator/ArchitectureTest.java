package io.meshlift.coordinator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
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
        noClasses()
                .that()
                .resideOutsideOfPackage("io.meshlift.coordinator.api..")
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
