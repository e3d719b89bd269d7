package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.internal.stream.OpenStreams;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * The SDK runtime clients behind a {@code Bedrock} instance, created on first use when the user did not
 * pass them, plus the per-request settings to apply: timeouts, and for models a decorator retries, no SDK
 * retries, and the streams running on them, which closing the {@code Bedrock} instance fails. Thread-safe.
 */
public final class RuntimeClients {
    // A per-request plugin: this request alone goes out without the SDK's retries; the client keeps them.
    private static final SdkPlugin NO_SDK_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());

    private final Supplier<BedrockRuntimeClient> sync;
    private final Supplier<BedrockRuntimeAsyncClient> async;
    private final Duration apiCallTimeout;
    private final Duration apiCallAttemptTimeout;
    private final AwsRequestOverrideConfiguration override;
    private final OpenStreams openStreams;

    /**
     * @param sync supplies the sync client; may return {@code null} when only an async client exists
     * @param async supplies the async client; may return {@code null} when only a sync client exists
     * @param apiCallTimeout per-call override, or {@code null} to keep the client's
     * @param apiCallAttemptTimeout per-attempt override, or {@code null} to keep the client's
     */
    public RuntimeClients(Supplier<BedrockRuntimeClient> sync, Supplier<BedrockRuntimeAsyncClient> async,
                          Duration apiCallTimeout, Duration apiCallAttemptTimeout) {
        this(sync, async, apiCallTimeout, apiCallAttemptTimeout, true, new OpenStreams());
    }

    private RuntimeClients(Supplier<BedrockRuntimeClient> sync, Supplier<BedrockRuntimeAsyncClient> async,
                           Duration apiCallTimeout, Duration apiCallAttemptTimeout, boolean sdkRetries, OpenStreams openStreams) {
        this.openStreams = openStreams;
        this.sync = Objects.requireNonNull(sync, "sync");
        this.async = Objects.requireNonNull(async, "async");
        this.apiCallTimeout = apiCallTimeout;
        this.apiCallAttemptTimeout = apiCallAttemptTimeout;
        this.override = override(apiCallTimeout, apiCallAttemptTimeout, sdkRetries);
    }

    /** The same clients and timeouts, whose requests go out without the SDK's retries: a decorator retries them. */
    public RuntimeClients withoutSdkRetries() {
        return new RuntimeClients(sync, async, apiCallTimeout, apiCallAttemptTimeout, false, openStreams);
    }

    /** The streams running on these clients; shared with {@link #withoutSdkRetries()}. */
    public OpenStreams openStreams() {
        return openStreams;
    }

    /**
     * Maps a failed call to the library's exception: {@link dev.bedrock4j.core.ClientClosedException} once the
     * {@code Bedrock} instance was closed (whatever the SDK made of its clients closing), else as
     * {@link ExceptionMapper#map} does.
     */
    public BedrockException failure(Throwable failure, String modelId) {
        return openStreams.isClosed() ? OpenStreams.failure(modelId) : ExceptionMapper.map(failure, modelId);
    }

    private static AwsRequestOverrideConfiguration override(Duration apiCallTimeout, Duration apiCallAttemptTimeout,
                                                            boolean sdkRetries) {
        if (apiCallTimeout == null && apiCallAttemptTimeout == null && sdkRetries) {
            return null;
        }
        AwsRequestOverrideConfiguration.Builder override = AwsRequestOverrideConfiguration.builder();
        if (apiCallTimeout != null) {
            override.apiCallTimeout(apiCallTimeout);
        }
        if (apiCallAttemptTimeout != null) {
            override.apiCallAttemptTimeout(apiCallAttemptTimeout);
        }
        if (!sdkRetries) {
            override.addPlugin(NO_SDK_RETRIES);
        }
        return override.build();
    }

    /** Runtime clients around one sync client, with no overrides. */
    public static RuntimeClients of(BedrockRuntimeClient client) {
        return new RuntimeClients(() -> client, () -> null, null, null);
    }

    /** Runtime clients around one async client, with no overrides. */
    public static RuntimeClients of(BedrockRuntimeAsyncClient client) {
        return new RuntimeClients(() -> null, () -> client, null, null);
    }

    /** The sync client, or {@code null}. */
    public BedrockRuntimeClient sync() {
        return sync.get();
    }

    /** The async client, or {@code null}. */
    public BedrockRuntimeAsyncClient async() {
        return async.get();
    }

    /** Converse through the sync client, or the async one when that is all there is. */
    public ConverseResponse converse(ConverseRequest request) {
        BedrockRuntimeClient client = sync();
        if (client != null) {
            return client.converse(request);
        }
        return requireAsync().converse(request).join();
    }

    /** InvokeModel through the sync client, or the async one when that is all there is. */
    public InvokeModelResponse invokeModel(InvokeModelRequest request) {
        BedrockRuntimeClient client = sync();
        if (client != null) {
            return client.invokeModel(request);
        }
        return requireAsync().invokeModel(request).join();
    }

    /** ApplyGuardrail through the sync client, or the async one when that is all there is. */
    public ApplyGuardrailResponse applyGuardrail(ApplyGuardrailRequest request) {
        BedrockRuntimeClient client = sync();
        if (client != null) {
            return client.applyGuardrail(request);
        }
        return requireAsync().applyGuardrail(request).join();
    }

    /** The async client; fails clearly when there is none. */
    public BedrockRuntimeAsyncClient requireAsync() {
        BedrockRuntimeAsyncClient client = async();
        if (client == null) {
            throw new IllegalStateException("this operation needs a BedrockRuntimeAsyncClient;"
                    + " pass one to Bedrock.builder().asyncRuntimeClient(...) or let Bedrock create it");
        }
        return client;
    }

    /** Applies the per-request settings, if any, to a request builder. */
    public <B extends AwsRequest.Builder> B applyOverrides(B builder) {
        if (override != null) {
            builder.overrideConfiguration(override);
        }
        return builder;
    }
}
