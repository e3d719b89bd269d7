package dev.bedrock4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Bedrock.create()} with the SDK's real default region chain, in a JVM whose environment the test
 * controls: no AWS variables, a home without {@code ~/.aws}. The machine running the tests plays no part.
 */
@Timeout(60)
class DefaultRegionChainTest {
    @TempDir
    Path home;

    /** Runs in the child JVM; prints one line per case. */
    public static final class Child {
        public static void main(String[] args) {
            System.setProperty("aws.disableEc2Metadata", "true");
            try (Bedrock bedrock = Bedrock.create()) {
                System.out.println("metadata off: built " + bedrock);
            } catch (ConfigurationException e) {
                System.out.println("metadata off: build() threw " + e.getClass().getSimpleName() + " retryable="
                        + e.isRetryable() + " message=" + e.getMessage());
            }
            System.clearProperty("aws.disableEc2Metadata");
            System.setProperty("aws.ec2MetadataServiceEndpoint", args[0]); // nothing listens there
            try (Bedrock bedrock = Bedrock.create()) {
                System.out.println("metadata on: built");
                try {
                    bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hello").call();
                    System.out.println("metadata on: the call succeeded");
                } catch (BedrockException e) {
                    System.out.println("metadata on: the call threw " + e.getClass().getSimpleName() + " retryable="
                            + e.isRetryable() + " message=" + e.getMessage());
                }
            }
        }
    }

    @Test
    void noRegionAnywhereFailsAtBuildWithTheMetadataServiceOffAndOnTheFirstCallWithItOn() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Duser.home=" + home, Child.class.getName(), "http://127.0.0.1:" + closedPort)
                .redirectErrorStream(true).redirectOutput(home.resolve("child.log").toFile());
        Map<String, String> env = child.environment();
        env.keySet().removeIf(key -> key.startsWith("AWS_"));
        env.put("HOME", home.toString());
        Process process = child.start();
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(home.resolve("child.log"), StandardCharsets.UTF_8);

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("metadata off: build() threw ConfigurationException retryable=false message=No AWS region is"
                        + " configured. Fix: set the AWS_REGION environment variable")
                .contains("Bedrock.builder().region(Region.US_EAST_1)"));
        assertThat(lines).contains("metadata on: built");
        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("metadata on: the call threw ConfigurationException retryable=false message=No AWS region is"
                        + " configured. Fix: set the AWS_REGION environment variable")
                .contains("EC2 instance metadata service"));
    }
}
