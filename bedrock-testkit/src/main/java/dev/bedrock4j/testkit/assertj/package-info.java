/**
 * AssertJ assertions on the testkit's fakes, the local server's recorded requests, and chat requests and
 * responses. Start with {@link dev.bedrock4j.testkit.assertj.BedrockAssertions}, which also carries
 * every AssertJ assertion. The testkit does not bring AssertJ: add {@code org.assertj:assertj-core} (3.x) to the
 * project's test dependencies.
 */
package dev.bedrock4j.testkit.assertj;
