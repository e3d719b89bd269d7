/**
 * {@code InvokeModel} with native bodies: raw JSON, and typed request writers and response readers for
 * each model family ({@link dev.bedrock4j.core.invoke.NativeFormat}).
 */
package dev.bedrock4j.core.invoke;
