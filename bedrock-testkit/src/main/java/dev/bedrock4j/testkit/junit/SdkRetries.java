package dev.bedrock4j.testkit.junit;

/**
 * How the SDK clients the {@link BedrockTestExtension} creates retry failed calls, set with
 * {@link BedrockTest#retries()}.
 *
 * <pre>{@code
 * @BedrockTest(retries = SdkRetries.IMMEDIATE)     // retry as the SDK does, without the waits
 * class ThrottlingTest {
 *     @Test
 *     void retriesThrottling(LocalBedrockServer server, Bedrock bedrock) {
 *         server.faultNext(1, Fault.throttling());
 *         bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hi").call();
 *         assertThat(server.requestCount()).isEqualTo(2);
 *     }
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public enum SdkRetries {
    /** The SDK's default retry strategy, waits between attempts included, as the clients behave in production. */
    SDK_DEFAULT,
    /** The SDK's legacy retry strategy (its default: up to 4 attempts) without waits between attempts, for fast tests of retries. */
    IMMEDIATE,
    /** One attempt per call: every failure reaches the caller at once. */
    NONE
}
