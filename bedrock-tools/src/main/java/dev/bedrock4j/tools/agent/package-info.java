/**
 * Agents: a local {@link dev.bedrock4j.tools.agent.Agent} (instructions, a model, tools and a
 * {@link dev.bedrock4j.tools.agent.Retriever}) and agents hosted by Amazon Bedrock Agents
 * ({@link dev.bedrock4j.tools.agent.BedrockAgent}), whose return-of-control requests are answered by the
 * same local tools.
 */
package dev.bedrock4j.tools.agent;
