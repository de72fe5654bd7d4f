package dev.tollgate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

class ArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tollgate");

    @Test
    void viewsTalkToServicesNeverToRepositories() {
        noClasses()
                .that()
                .resideInAPackage("dev.tollgate.portal..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Repository.class)
                .orShould()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void controllersDoNotTouchRepositories() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.tollgate.gateway..", "dev.tollgate.admin..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    @Test
    void moneyNeverTravelsAsDouble() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.tollgate.money..", "dev.tollgate.billing..")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Double.class)
                .check(classes);
    }
}
