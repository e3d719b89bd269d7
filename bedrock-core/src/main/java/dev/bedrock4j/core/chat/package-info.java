/**
 * Conversations with any model: {@link dev.bedrock4j.core.chat.ChatModel}, the fluent
 * {@link dev.bedrock4j.core.chat.Prompt}, multi-turn {@link dev.bedrock4j.core.chat.Conversation},
 * messages and content blocks, and responses with usage, stop reason and latency.
 */
package dev.bedrock4j.core.chat;
