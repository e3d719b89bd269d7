/**
 * Implementation of the tools module: schema generation and validation, tool execution, the agent
 * runtime's wire shapes. Not part of the API; it changes without notice.
 */
package dev.bedrock4j.tools.internal;
