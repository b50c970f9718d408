package io.meshlift.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md, checked on every build. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.meshlift");
    }

    @Test
    void coreIsFreeOfQuarkusGrpcAndWireTypes() {
        noClasses()
                .that()
                .resideInAPackage("io.meshlift.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "io.grpc..", "io.netty..", "io.meshlift.proto..", "jakarta..")
                .check(classes);
    }

    @Test
    void generatedWireTypesStayInTheEdgePackages() {
        noClasses()
                .that()
                .resideInAPackage("io.meshlift.agent..")
                .and()
                .resideOutsideOfPackages(
                        "io.meshlift.agent.wire..",
                        "io.meshlift.agent.peer..",
                        "io.meshlift.agent.transfer..",
                        "io.meshlift.agent.coordinator..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.meshlift.proto..")
                .check(classes);
    }

    @Test
    void domainExceptionsDoNotDependOnRestOrGrpc() {
        noClasses()
                .that()
                .areAssignableTo(RuntimeException.class)
                .and()
                .resideInAnyPackage("io.meshlift.core..", "io.meshlift.agent.transfer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "io.grpc..")
                .check(classes);
    }

    @Test
    void agentNeverReachesIntoTheCoordinator() {
        noClasses()
                .that()
                .resideInAPackage("io.meshlift.agent..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.meshlift.coordinator..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
