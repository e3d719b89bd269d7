package dev.bedrock4j.tests;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of the design, checked on the compiled classes of every module: each module's classes
 * live under {@code dev.bedrock4j.<module>}, its implementation under {@code dev.bedrock4j.<module>.internal},
 * and what another module needs from it is public API or core's documented SPI ({@code dev.bedrock4j.core.spi}).
 *
 * <p>This module's test class path holds every library module and the tour, so the rules see all of them. The
 * rules read byte code, so they also catch fully qualified names that a search for imports misses. What leaves
 * no trace in byte code they cannot see: an import that is never used, and a constant the compiler inlines.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.bedrock4j";

    /** The modules whose classes must be on the class path, or a rule about them would pass without looking. */
    private static final List<String> EXPECTED_MODULES =
            List.of("core", "tools", "rag", "production", "evaluation", "testkit", "spring", "examples", "tests");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().importPackages(ROOT);
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        assertThat(modules())
                .as("modules whose classes this test reads (add a missing one as a test dependency of bedrock-tests)")
                .containsAll(EXPECTED_MODULES);
    }

    @Test
    void noModuleUsesAnotherModulesInternalPackages() {
        List<ArchRule> perModule = modules().stream().map(ArchitectureTest::usesNoOtherModulesInternals).toList();
        CompositeArchRule.of(perModule)
                .as("no module uses another module's internal package")
                .because("an internal package is not API: what one module needs from another belongs in public API, "
                        + "or for core in dev.bedrock4j.core.spi")
                .check(classes);
    }

    @Test
    void theTourUsesNoInternalPackage() {
        noClasses().that().resideInAPackage(ROOT + ".examples..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .because("the tour shows what users write, and users never import an internal package")
                .check(classes);
    }

    @Test
    void coreHasNoResilienceMetricsOrControlPlaneDependency() {
        noClasses().that().resideInAPackage(ROOT + ".core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.github.resilience4j..", "io.micrometer..", "software.amazon.awssdk.services.bedrock..")
                .because("bedrock-core is the client alone: resilience, metrics and control-plane jobs live in "
                        + "bedrock-production, and only the runtime SDK clients belong to core")
                .check(classes);
    }

    @Test
    void evaluationDoesNotDependOnProduction() {
        noClasses().that().resideInAPackage(ROOT + ".evaluation..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".production..")
                .because("bedrock-evaluation builds on core alone, so using it does not bring in resilience4j, "
                        + "Micrometer and the batch jobs")
                .check(classes);
    }

    @Test
    void publicSignaturesExposeNoInternalType() {
        classes().that().resideInAPackage(ROOT + "..").and().resideOutsideOfPackage("..internal..")
                .and().arePublic()
                .should(exposeNoInternalType())
                .because("a caller cannot use an internal type without importing it, so a public or protected "
                        + "signature that names one makes that internal type API")
                .check(classes);
    }

    private static ArchRule usesNoOtherModulesInternals(String module) {
        String own = ROOT + "." + module;
        // internal packages may sit below a capability package too, as in dev.bedrock4j.rag.store.internal
        DescribedPredicate<JavaClass> otherInternals =
                resideInAPackage(ROOT + "..internal..").and(not(resideInAPackage(own + "..")));
        return noClasses().that().resideInAPackage(own + "..")
                .should().dependOnClassesThat(otherInternals);
    }

    /** The modules that the imported classes belong to, by the package segment after {@code dev.bedrock4j}. */
    private static Set<String> modules() {
        return classes.stream().map(c -> moduleOf(c.getPackageName())).flatMap(Optional::stream)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Optional<String> moduleOf(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static ArchCondition<JavaClass> exposeNoInternalType() {
        DescribedPredicate<JavaClass> internal = resideInAPackage(ROOT + "..internal..");
        Set<JavaModifier> visible = EnumSet.of(JavaModifier.PUBLIC, JavaModifier.PROTECTED);
        return new ArchCondition<>("expose no internal type in a supertype or a public or protected member") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
                type.getSuperclass().ifPresent(supertypes::add);
                for (JavaType supertype : supertypes) {
                    report(type, type.getName() + " extends " + supertype.getName(),
                            supertype.getAllInvolvedRawTypes(), events);
                }
                for (JavaMember member : type.getMembers()) {
                    if (!Collections.disjoint(member.getModifiers(), visible)) {
                        report(member, member.getFullName(), member.getAllInvolvedRawTypes(), events);
                    }
                }
            }

            private void report(HasSourceCodeLocation where, String what, Set<JavaClass> involved,
                                ConditionEvents events) {
                involved.stream().filter(internal::test).forEach(used -> events.add(SimpleConditionEvent.violated(
                        where, what + " names " + used.getName() + " " + where.getSourceCodeLocation())));
            }
        };
    }
}
