/**
 * JUnit 5 support: {@link dev.bedrock4j.testkit.junit.BedrockTest} and
 * {@link dev.bedrock4j.testkit.junit.BedrockTestExtension} run a test class against a local Bedrock
 * server and inject the clients that talk to it.
 */
package dev.bedrock4j.testkit.junit;
