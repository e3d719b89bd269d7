/**
 * Testing a Spring Boot application's Bedrock calls offline: {@link dev.bedrock4j.spring.test.AutoConfigureLocalBedrock}
 * points the auto-configured {@code Bedrock} at the testkit's {@code LocalBedrockServer}.
 */
package dev.bedrock4j.spring.test;
