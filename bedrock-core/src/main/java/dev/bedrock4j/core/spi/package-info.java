/**
 * The service provider interface: what code that <em>extends</em> Bedrock4j needs, as opposed to code that
 * calls it. The library's own modules (tools, rag, production, evaluation, testkit) build on exactly this
 * and never on another module's internals, so an extension written outside the project has the same
 * footing.
 *
 * <ul>
 *   <li>{@link dev.bedrock4j.core.spi.ModelDecorator}: the one hook that wraps every model a
 *       {@code Bedrock} hands out (resilience, metrics, your own logging).</li>
 *   <li>{@link dev.bedrock4j.core.spi.AbstractChatStream}: the base of every {@code ChatStream}.</li>
 *   <li>{@link dev.bedrock4j.core.spi.ConverseCodec} and {@link dev.bedrock4j.core.spi.SdkJson}: the one
 *       mapping between the library's chat types, the AWS SDK's model objects and the wire JSON.</li>
 *   <li>{@link dev.bedrock4j.core.spi.JsonlLog}: an append-only JSONL file that doubles as a checkpoint.</li>
 *   <li>{@link dev.bedrock4j.core.spi.WriterLock}: the one lock every writer of a file takes, so a second
 *       writer, in any process, fails with a {@link dev.bedrock4j.core.FileInUseException} naming the holder.</li>
 *   <li>{@link dev.bedrock4j.core.spi.AtomicFile}: replacing a file whole or not at all, through a temporary
 *       file no other writer shares.</li>
 *   <li>{@link dev.bedrock4j.core.spi.Polling}: waiting for a long-running Bedrock job.</li>
 *   <li>{@link dev.bedrock4j.core.spi.Preflight}: the checks the library's models run before a call.</li>
 *   <li>{@link dev.bedrock4j.core.spi.JsonSupport}: the shared Jackson mapper and small JSON helpers.</li>
 * </ul>
 *
 * <p>Exception mapping is public API: {@link dev.bedrock4j.core.BedrockException#from(Throwable, String)}.
 */
package dev.bedrock4j.core.spi;
