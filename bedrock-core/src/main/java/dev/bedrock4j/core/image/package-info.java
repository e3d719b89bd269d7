/**
 * Image generation through {@code InvokeModel}, model-agnostic like chat: {@link dev.bedrock4j.core.image.ImageModel}
 * and its fluent {@link dev.bedrock4j.core.image.ImagePrompt} are written in each family's native body (Amazon Titan
 * Image Generator, Amazon Nova Canvas, Stability AI), and answered as {@link dev.bedrock4j.core.image.GeneratedImage}s
 * you can save.
 */
package dev.bedrock4j.core.image;
