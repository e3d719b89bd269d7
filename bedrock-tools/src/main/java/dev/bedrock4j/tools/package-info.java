/**
 * Tools for models: JSON Schemas generated from Java types ({@link dev.bedrock4j.tools.JsonSchemas}), typed
 * and annotated tools ({@link dev.bedrock4j.tools.Tool}, {@link dev.bedrock4j.tools.ToolMethod},
 * {@link dev.bedrock4j.tools.Description}), the tool-use loop over any chat model
 * ({@link dev.bedrock4j.tools.ToolRunner}), blocking or streamed ({@link dev.bedrock4j.tools.ToolStream}), with
 * its step {@link dev.bedrock4j.tools.Trace}, and answers as
 * Java objects ({@link dev.bedrock4j.tools.StructuredOutput}).
 */
package dev.bedrock4j.tools;
