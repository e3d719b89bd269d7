/**
 * Test support for code that uses Bedrock4j or the AWS SDK's Bedrock clients: fakes that record and
 * answer from a script, and an in-process server speaking the Bedrock wire protocol.
 */
package dev.bedrock4j.testkit;
