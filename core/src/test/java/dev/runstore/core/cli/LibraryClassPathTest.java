package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A project that depends on runstore-core as a library gets neither the CLI's parser nor its
 * logging backend: both are optional in core's POM (runstore-cli.jar has them shaded in).
 */
class LibraryClassPathTest {
    @Test
    void picocliAndTheCliLoggingBackendAreOptionalDependencies() throws Exception {
        Element project = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile())
                .getDocumentElement();
        NodeList dependencies = project.getElementsByTagName("dependency");
        List<String> reachLibraryUsers = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String artifact = text(dependency, "artifactId");
            boolean optional = "true".equals(text(dependency, "optional"));
            String scope = text(dependency, "scope");
            if (!optional && (scope == null || scope.equals("compile") || scope.equals("runtime"))) {
                reachLibraryUsers.add(artifact);
            }
        }
        assertThat(reachLibraryUsers).contains("sqlite-jdbc", "jdbi3-core").doesNotContain("picocli", "slf4j-simple");
    }

    private static String text(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        return found.getLength() == 0 ? null : found.item(0).getTextContent().trim();
    }
}
