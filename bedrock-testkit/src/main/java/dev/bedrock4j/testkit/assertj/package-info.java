/**
 * AssertJ assertions on the testkit's fakes, the local server's recorded requests, and chat requests and
 * responses. Start with {@link dev.bedrock4j.testkit.assertj.BedrockAssertions}, which also carries
 * every AssertJ assertion.
 */
package dev.bedrock4j.testkit.assertj;
