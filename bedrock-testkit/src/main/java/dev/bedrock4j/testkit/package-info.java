/**
 * Test support for code that uses Bedrock4j or the AWS SDK's Bedrock clients: fakes that record and
 * answer from a script, and a server speaking the Bedrock wire protocol, in-process or standalone for other
 * languages ({@link dev.bedrock4j.testkit.LocalBedrockServer}: Converse and ConverseStream, InvokeModel and its
 * stream in each model family's native body, image generation, embeddings, CountTokens, ApplyGuardrail, and the
 * agent runtime's Retrieve, Rerank, RetrieveAndGenerate, RetrieveAndGenerateStream and InvokeAgent; standalone with
 * {@code java -jar bedrock-testkit-VERSION-server.jar}, scripted through a JSON control API). JUnit 5 support is
 * in {@link dev.bedrock4j.testkit.junit}, AssertJ assertions in {@link dev.bedrock4j.testkit.assertj},
 * and recording and replaying a real model's exchanges in {@link dev.bedrock4j.testkit.replay}. The testkit
 * brings neither JUnit nor AssertJ: those two packages run on the versions the project itself declares (JUnit 5.12
 * and newer, JUnit 6, AssertJ 3), and the rest of the testkit needs neither.
 */
package dev.bedrock4j.testkit;
