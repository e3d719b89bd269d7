package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * bedrock-bom is standalone (importing it must bring none of the parent's settings), so it repeats the parent's
 * Jackson and AWS SDK versions: these tests keep the two in step, and check that it manages every published module.
 */
class BomTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    private static String property(Document pom, String name) {
        NodeList found = ((Element) pom.getElementsByTagName("properties").item(0)).getElementsByTagName(name);
        assertThat(found.getLength()).as("property %s", name).isEqualTo(1);
        return found.item(0).getTextContent().trim();
    }

    private static List<String> managed(Document pom) {
        List<String> coordinates = new ArrayList<>();
        Element management = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
        NodeList dependencies = management.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            coordinates.add(dependency.getElementsByTagName("groupId").item(0).getTextContent().trim() + ":"
                    + dependency.getElementsByTagName("artifactId").item(0).getTextContent().trim());
        }
        return coordinates;
    }

    @Test
    void theBomHasTheParentsJacksonAndSdkVersions() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bedrock-bom/pom.xml"));
        assertThat(property(bom, "jackson.version")).isEqualTo(property(parent, "jackson.version"));
        assertThat(property(bom, "aws.sdk.version")).isEqualTo(property(parent, "aws.sdk.version"));
        assertThat(managed(bom)).contains("com.fasterxml.jackson:jackson-bom", "software.amazon.awssdk:bom");
    }

    @Test
    void theBomManagesEveryPublishedModule() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        List<String> bom = managed(read(ROOT.resolve("bedrock-bom/pom.xml")));
        NodeList modules = parent.getElementsByTagName("module");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            boolean notPublished = pom.contains("<maven.deploy.skip>true</maven.deploy.skip>")
                    || pom.contains("<packaging>pom</packaging>");
            if (!notPublished) {
                published.add("dev.bedrock4j:" + module);
            }
        }
        assertThat(published).contains("dev.bedrock4j:bedrock-core", "dev.bedrock4j:bedrock-testkit");
        assertThat(bom).containsAll(published);
    }
}
