/**
 * Record and replay: {@link dev.bedrock4j.testkit.replay.ReplayChatModel} saves a real model's
 * exchanges as JSON files and answers from them later, in the {@link dev.bedrock4j.testkit.replay.ReplayMode}
 * a test asks for.
 */
package dev.bedrock4j.testkit.replay;
