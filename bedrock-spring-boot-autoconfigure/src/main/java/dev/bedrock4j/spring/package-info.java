/**
 * Spring Boot auto-configuration of Bedrock4j: {@link dev.bedrock4j.spring.BedrockAutoConfiguration} defines the
 * {@code Bedrock}, {@code ChatModel} and {@code EmbeddingModel} beans from {@link dev.bedrock4j.spring.BedrockProperties}
 * ({@code bedrock4j.*}), with resilience ({@link dev.bedrock4j.spring.BedrockResilienceProperties}), metrics and
 * a health indicator ({@link dev.bedrock4j.spring.BedrockHealthAutoConfiguration}) when bedrock-production is on
 * the class path; {@link dev.bedrock4j.spring.BedrockBuilderCustomizer} beans change what properties do not cover.
 * Add {@code dev.bedrock4j:bedrock-spring-boot-starter} to use it.
 */
package dev.bedrock4j.spring;
