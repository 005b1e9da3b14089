package com.frameworkadvisor;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The architecture of docs and README, as rules a build enforces. */
class ArchitectureTest {
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.frameworkadvisor");

    @Test
    void package_dependencies_run_one_way() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Main").definedBy(resideInAPackage("com.frameworkadvisor"))
                .layer("Web").definedBy("com.frameworkadvisor.web..")
                .layer("Slack").definedBy("com.frameworkadvisor.slack..")
                .layer("Cli").definedBy("com.frameworkadvisor.cli..")
                .layer("Bank").definedBy("com.frameworkadvisor.bank..")
                .layer("Store").definedBy("com.frameworkadvisor.store..")
                .layer("Config").definedBy("com.frameworkadvisor.config..")
                .layer("Decision").definedBy("com.frameworkadvisor.decision..")
                .whereLayer("Main").mayNotBeAccessedByAnyLayer()
                .whereLayer("Web").mayOnlyBeAccessedByLayers("Main")
                .whereLayer("Slack").mayOnlyBeAccessedByLayers("Web", "Main")
                .whereLayer("Cli").mayOnlyBeAccessedByLayers("Main")
                .whereLayer("Bank").mayOnlyBeAccessedByLayers("Main")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Slack", "Main")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("Slack", "Web", "Main")
                .whereLayer("Decision").mayOnlyBeAccessedByLayers("Slack", "Cli", "Bank", "Main");
        layers.check(APP);
    }

    @Test
    void no_package_depends_on_one_that_depends_back_on_it() {
        slices().matching("com.frameworkadvisor.(**)").should().beFreeOfCycles().check(APP);
    }

    @Test
    void the_decision_module_uses_only_the_jdk() {
        classes().that().resideInAPackage("com.frameworkadvisor.decision..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("com.frameworkadvisor.decision..", "java..")
                .check(APP);
    }

    @Test
    void rendering_does_no_io() {
        noClasses().that().resideInAPackage("com.frameworkadvisor.slack.render..")
                .should().dependOnClassesThat(resideInAnyPackage("com.frameworkadvisor.slack.webapi..",
                        "com.frameworkadvisor.slack.delivery..", "com.frameworkadvisor.slack.listen..",
                        "java.net..", "java.sql..", "javax.sql..", "java.nio.file..", "okhttp3..",
                        "com.slack.api.methods..", "org.slf4j..")
                        // the store's value records may be rendered; the store itself may not be called
                        .or(resideInAPackage("com.frameworkadvisor.store..")
                                .and(not(simpleName("DecisionHistory"))).and(not(simpleName("AnswerSet")))
                                .and(not(simpleName("StoredDecision"))).and(not(simpleName("ThreadKey")))))
                .check(APP);
    }

    @Test
    void only_the_web_api_package_talks_http_to_slack() {
        // (Bolt's listener interfaces declare "throws SlackApiException"; only HTTP clients count here.)
        noClasses().that().resideOutsideOfPackage("com.frameworkadvisor.slack.webapi..")
                .should().dependOnClassesThat(resideInAnyPackage("okhttp3..", "java.net.http..")
                        .or(simpleNameEndingWith("MethodsClient")))
                .check(APP);
    }

    @Test
    void no_class_depends_on_internal_jdk_apis() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("sun..", "jdk.internal..").check(APP);
    }
}
