package dev.bedrock4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonVersionsTest {

    private static Version core(int minor, int patch) {
        return new Version(2, minor, patch, null, "com.fasterxml.jackson.core", "jackson-core");
    }

    private static Version databind(int minor, int patch) {
        return new Version(2, minor, patch, null, "com.fasterxml.jackson.core", "jackson-databind");
    }

    @Test
    void theBuildsOwnClassPathIsCoherent() {
        assertThat(JacksonVersions.found()).extracting(Version::getArtifactId)
                .startsWith("jackson-core", "jackson-databind");
        assertThat(JacksonVersions.found()).extracting(Version::getMinorVersion).containsOnly(
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.getMinorVersion());
        assertThat(JacksonVersions.mismatch()).isEmpty();
    }

    @Test
    void patchLevelsMayDiffer() {
        assertThat(JacksonVersions.mismatch(List.of(core(21, 0), databind(21, 4)))).isEmpty();
    }

    @Test
    void differentMinorVersionsAreNamedWithTheFix() {
        assertThat(JacksonVersions.mismatch(List.of(core(20, 1), databind(21, 3)))).hasValueSatisfying(problem ->
                assertThat(problem).contains("jackson-core 2.20.1", "jackson-databind 2.21.3",
                        "dev.bedrock4j:bedrock-bom", "com.fasterxml.jackson:jackson-bom"));
    }

    @Test
    void aModuleOfAnotherVersionIsNamedToo() {
        Version yaml = new Version(2, 22, 1, null, "com.fasterxml.jackson.dataformat", "jackson-dataformat-yaml");
        assertThat(JacksonVersions.mismatch(List.of(core(21, 3), databind(21, 3), yaml)))
                .hasValueSatisfying(problem -> assertThat(problem).contains("jackson-dataformat-yaml 2.22.1"));
    }

    @Test
    void aMajorVersionApartIsMixedEvenAtTheSameMinor() {
        Version three = new Version(3, 21, 3, null, "com.fasterxml.jackson.core", "jackson-databind");
        assertThat(JacksonVersions.mismatch(List.of(core(21, 3), three))).isPresent();
    }

    @Test
    void aLinkageErrorOnACoherentClassPathIsLeftAsItIs() {
        NoSuchMethodError error = new NoSuchMethodError("'void Foo.bar()'");
        assertThat(JacksonVersions.explain(error)).isSameAs(error);
    }
}
