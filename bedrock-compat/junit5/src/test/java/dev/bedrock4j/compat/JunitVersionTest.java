package dev.bedrock4j.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Only the project's JUnit 5.13 is on the class path: the testkit added none of its own (5.14 brought
 * {@code OutputDirectoryCreator}, whose absence a 5.13 launcher next to a 5.14 engine fails on), so the shared
 * tests run the testkit's extension on 5.13.
 */
class JunitVersionTest {

    @Test
    void jupiterIsTheProjects() {
        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo("5.13.4");
    }

    @Test
    void noClassOfJunit514IsOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("org.junit.platform.engine.OutputDirectoryCreator"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
