package dev.bedrock4j.core;

import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.image.ImageModel;
import dev.bedrock4j.core.internal.BedrockImageModel;
import dev.bedrock4j.core.internal.guardrail.BedrockGuardrailChecker;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingOptions;
import dev.bedrock4j.core.internal.BedrockChatModel;
import dev.bedrock4j.core.internal.BedrockNativeModel;
import dev.bedrock4j.core.internal.RegionLookup;
import dev.bedrock4j.core.internal.RuntimeClients;
import dev.bedrock4j.core.internal.embed.BedrockEmbeddingModel;
import dev.bedrock4j.core.internal.tokens.CountTokensCounter;
import dev.bedrock4j.core.invoke.NativeFormat;
import dev.bedrock4j.core.invoke.NativeModel;
import dev.bedrock4j.core.spi.JacksonVersions;
import dev.bedrock4j.core.spi.ModelDecorator;
import dev.bedrock4j.core.tokens.TokenCounter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;

/**
 * The entry point to Amazon Bedrock: it holds the AWS SDK clients and hands out models.
 *
 * <h2>Share one instance</h2>
 * <p>Each instance owns (or borrows) AWS SDK clients and their connection pools; create one per
 * application and share it. {@link #close()} closes only the clients it created itself: an SDK client
 * passed to the builder stays the caller's to close.
 *
 * <pre>{@code
 * try (Bedrock bedrock = Bedrock.create()) {                 // default region and credentials
 *     ChatModel claude = bedrock.chat("anthropic.claude-3-5-haiku-20241022-v1:0");
 *     System.out.println(claude.prompt().user("Hello!").call().text());
 * }
 *
 * Bedrock custom = Bedrock.builder()
 *         .region(Region.EU_CENTRAL_1)
 *         .apiCallTimeout(Duration.ofMinutes(10))             // long generations
 *         .build();
 * }</pre>
 *
 * <h2>Region and credentials</h2>
 * <p>Clients this instance creates take the region and credentials you give the builder, or else the AWS
 * SDK's default chains, as any AWS client does. When they are missing, the error is a
 * {@link ConfigurationException} whose message names the fix, and it is never worth retrying. It comes
 * as early as it can be known without delaying or touching the network:
 * <ul>
 *   <li>{@link Builder#build()} checks that a region can be found when you gave neither a region nor an SDK
 *       client: in the {@code aws.region} system property, the {@code AWS_REGION} environment variable or the
 *       active profile of the AWS config file. If none has one and the EC2 instance metadata service is
 *       switched off ({@code AWS_EC2_METADATA_DISABLED=true}), nothing can supply one and {@code build()}
 *       fails. Otherwise only the metadata service could say, which takes seconds off AWS, so the first call
 *       asks it, and fails if it has no region either.</li>
 *   <li>Credentials are never resolved at {@code build()}: resolving them may run a
 *       {@code credential_process}, refresh an SSO token or call a metadata endpoint, and they may appear
 *       later (a role assumed after start-up). The first call that finds none fails.</li>
 * </ul>
 * A given {@code endpointOverride} does not make the region optional: requests are signed for a region.
 *
 * <h2>Endpoints</h2>
 * <p>Clients this instance creates go where the AWS SDK sends them: unless the builder sets an endpoint, the
 * SDK's own settings apply, the {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} and {@code AWS_ENDPOINT_URL}
 * environment variables, the {@code aws.endpointUrlBedrockRuntime} and {@code aws.endpointUrl} system
 * properties and {@code endpoint_url} in the AWS config file, so an application built with {@link #create()}
 * can be pointed at a local server from outside. A region and credentials are still needed then. For a local
 * run or a demo, {@link #local(URI)} sets all three in one call.
 *
 * <h2>Timeouts</h2>
 * <p>Three timeouts work together and must be consistent: the socket read timeout (how long one read
 * may wait), the attempt timeout (one HTTP attempt) and the API call timeout (all attempts, with the
 * SDK's retries). The builder rejects {@code read > attempt} and {@code attempt > call}. The defaults,
 * 5 minutes of read and attempt and 15 minutes per call, leave room for long generations. For a model a
 * decorator retries itself (see {@link Builder#decorate}), the SDK makes one attempt per call, so each of
 * the decorator's attempts has its own API call timeout.
 *
 * <p>Thread-safe; create one and share it.
 */
public final class Bedrock implements AutoCloseable {
    /** Default socket read timeout: long enough for a long generation between two bytes. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofMinutes(5);
    /** Default timeout of one HTTP attempt. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(5);
    /** Default timeout of a whole SDK call, the SDK's retries included. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofMinutes(15);
    /** The region {@link #local(URI)} signs requests for. */
    public static final Region LOCAL_REGION = Region.US_EAST_1;

    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI endpointOverride;
    private final Duration readTimeout;
    private final Duration attemptTimeout;
    private final Duration apiCallTimeout;
    private final ModelCatalog catalog;
    private final BedrockRuntimeClient givenSync;
    private final BedrockRuntimeAsyncClient givenAsync;
    private final RuntimeClients clients;
    private final RuntimeClients clientsWithoutSdkRetries;
    private final List<ModelDecorator> decorators;
    /** Finds the region of created clients when none was given. */
    private final RegionLookup regionLookup;

    private final Object lock = new Object();
    private Region resolvedRegion;
    private BedrockRuntimeClient createdSync;
    private BedrockRuntimeAsyncClient createdAsync;
    private CountTokensCounter tokenCounter;
    private boolean closed;

    private Bedrock(Builder builder) {
        this.region = builder.region;
        this.credentials = builder.credentials;
        this.endpointOverride = builder.endpointOverride;
        this.readTimeout = builder.readTimeout != null ? builder.readTimeout : DEFAULT_READ_TIMEOUT;
        this.attemptTimeout = builder.attemptTimeout != null ? builder.attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT;
        this.apiCallTimeout = builder.apiCallTimeout != null ? builder.apiCallTimeout : DEFAULT_API_CALL_TIMEOUT;
        this.catalog = builder.catalog;
        this.givenSync = builder.runtimeClient;
        this.givenAsync = builder.asyncRuntimeClient;
        this.decorators = List.copyOf(builder.decorators);
        this.regionLookup = builder.regionLookup;
        boolean onlyGivenClients = givenSync != null || givenAsync != null;
        // Timeouts the user set explicitly also apply, per call, to clients they passed in.
        Duration callOverride = onlyGivenClients ? builder.apiCallTimeout : null;
        Duration attemptOverride = onlyGivenClients ? builder.attemptTimeout : null;
        this.clients = new RuntimeClients(this::syncClient, this::asyncClient, callOverride, attemptOverride);
        this.clientsWithoutSdkRetries = clients.withoutSdkRetries();
    }

    /**
     * An instance with the default AWS region and credentials chains and default timeouts.
     *
     * @return the instance
     * @throws ConfigurationException if no source can supply a region (see "Region and credentials" above)
     */
    public static Bedrock create() {
        return builder().build();
    }

    /**
     * An instance for a local Bedrock-compatible endpoint, such as the testkit's {@code LocalBedrockServer} or
     * its standalone server jar: the endpoint, region {@link #LOCAL_REGION} and fixed dummy credentials, so a
     * local run or a demo needs no AWS setup at all. The same as {@code Bedrock.builder().local(endpoint).build()}.
     *
     * <pre>{@code
     * // java -jar bedrock-testkit-<version>-server.jar --port 8088
     * try (Bedrock bedrock = Bedrock.local(URI.create("http://127.0.0.1:8088"))) {
     *     System.out.println(bedrock.chat("amazon.nova-lite-v1:0").prompt().user("Hello!").call().text());
     * }
     * }</pre>
     *
     * <p>To point unchanged code that uses {@link #create()} at the same server, set the AWS SDK's
     * {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:8088} together with a region and credentials
     * (see "Endpoints" above).
     *
     * @param endpoint where the server listens, such as {@code http://127.0.0.1:8088}
     * @return the instance
     * @throws NullPointerException if the endpoint is null
     * @throws IllegalArgumentException if the endpoint is not an absolute {@code http} or {@code https} URI with a host
     */
    public static Bedrock local(URI endpoint) {
        return builder().local(Objects.requireNonNull(endpoint, "endpoint")).build();
    }

    /**
     * A builder for an instance with a region, credentials, SDK clients, endpoint or timeouts of your choice.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A chat model over the Converse API.
     *
     * @param modelId a model id, cross-region inference profile id ({@code us.}, {@code eu.}, ...) or ARN
     * @return the model; cheap to create, thread-safe and reusable
     * @throws InvalidRequestException if the id is empty, blank, holds whitespace, or differs from a known id
     *         in letter case alone (see {@link Preflight#modelId}); ids the catalog does not know are allowed,
     *         and when Bedrock rejects one that looks like a typo, its error names the likely intended id
     */
    public ChatModel chat(String modelId) {
        Preflight.modelId(modelId, catalog);
        return this.<ChatModel>decorated(new BedrockChatModel(clientsFor(modelId), modelId, catalog.lookup(modelId),
                        this::preflightCounter),
                ModelDecorator::decorate);
    }

    /**
     * A text embedding model (Titan Text Embeddings v1/v2, Cohere Embed v3) with its default vector size.
     *
     * <pre>{@code
     * EmbeddingModel titan = bedrock.embeddings("amazon.titan-embed-text-v2:0");
     * Embedding query = titan.embedQuery("What is the capital of France?");
     * }</pre>
     *
     * @param modelId a model id, inference profile id or ARN
     * @return the model; cheap to create, thread-safe and reusable
     * @throws InvalidRequestException if the id is malformed (see {@link Preflight#modelId}) or the model is
     *         not a supported text embedding model
     */
    public EmbeddingModel embeddings(String modelId) {
        return embeddings(modelId, EmbeddingOptions.defaults());
    }

    /**
     * A text embedding model with a vector size, normalisation and request concurrency of your choice.
     *
     * @param modelId a model id, inference profile id or ARN
     * @param options the settings, such as {@code EmbeddingOptions.defaults().withDimensions(512)}
     * @return the model; cheap to create, thread-safe and reusable
     * @throws InvalidRequestException if the id is malformed (see {@link Preflight#modelId}), or the model is
     *         not a supported text embedding model or does not produce vectors of the requested size
     */
    public EmbeddingModel embeddings(String modelId, EmbeddingOptions options) {
        Preflight.modelId(modelId, catalog);
        return BedrockEmbeddingModel.create(clientsFor(modelId), modelId, catalog.lookup(modelId), options,
                perRequest -> this.<EmbeddingModel>decorated(perRequest, ModelDecorator::decorate));
    }

    /**
     * A model called with native {@code InvokeModel} bodies in its family's format.
     *
     * @param modelId a model id, inference profile id or ARN
     * @return the model
     * @throws InvalidRequestException if the id is malformed (see {@link Preflight#modelId})
     * @throws IllegalArgumentException if the catalog knows no native chat format for the model's family;
     *         use {@link #nativeModel(String, NativeFormat)}
     */
    public NativeModel nativeModel(String modelId) {
        ModelInfo info = catalog.lookup(Preflight.modelId(modelId, catalog));
        return nativeModel(modelId, NativeFormat.forFamily(info.family()));
    }

    /**
     * A model called with native {@code InvokeModel} bodies in a format you choose, for custom or
     * imported models the catalog cannot place.
     *
     * @param modelId a model id or ARN
     * @param format the body format
     * @return the model
     * @throws InvalidRequestException if the id is malformed (see {@link Preflight#modelId})
     */
    public NativeModel nativeModel(String modelId, NativeFormat format) {
        Preflight.modelId(modelId, catalog);
        return this.<NativeModel>decorated(new BedrockNativeModel(clientsFor(modelId), modelId,
                Objects.requireNonNull(format, "format")), ModelDecorator::decorate);
    }

    /**
     * A model that generates images through {@code InvokeModel}: Amazon Titan Image Generator, Amazon Nova Canvas or
     * Stability AI, with one request shape for all of them.
     *
     * <pre>{@code
     * ImageModel canvas = bedrock.images("amazon.nova-canvas-v1:0");
     * canvas.generate().prompt("a lighthouse at dusk").seed(7).call().first().save(Path.of("lighthouse.png"));
     * }</pre>
     *
     * @param modelId a model id, inference profile id or ARN
     * @return the model; cheap to create, thread-safe and reusable
     * @throws InvalidRequestException if the id is malformed (see {@link Preflight#modelId}) or the catalog does not
     *         place it among the image generation models
     */
    public ImageModel images(String modelId) {
        Preflight.modelId(modelId, catalog);
        // no decorator wraps image models, so they keep the SDK's retries whatever a decorator retries itself
        return new BedrockImageModel(clients, modelId, catalog.lookup(modelId));
    }

    /**
     * A guardrail used on its own, through {@code ApplyGuardrail}: checks input or output without a model call.
     * The same {@link Guardrail} value configures a guardrail on chat requests.
     *
     * <pre>{@code
     * GuardrailChecker guardrail = bedrock.guardrail(Guardrail.of("gr7abc123xyz", "1"));
     * GuardrailResult verdict = guardrail.checkInput(userText);
     * }</pre>
     *
     * @param guardrail the guardrail id (or ARN) and version
     * @return the checker; thread-safe and reusable
     * @throws InvalidRequestException if the id or version does not have Bedrock's form
     */
    public GuardrailChecker guardrail(Guardrail guardrail) {
        return new BedrockGuardrailChecker(clients, guardrail);
    }

    // Applies the decorators in the order they were added, the first innermost.
    private <M> M decorated(M model, BiFunction<ModelDecorator, M, M> decorate) {
        M result = model;
        for (ModelDecorator decorator : decorators) {
            result = Objects.requireNonNull(decorate.apply(decorator, result), () -> decorator + " decorated " + model + " as null");
        }
        return result;
    }

    // A model some decorator retries sends its requests without the SDK's retries; every other keeps them.
    private RuntimeClients clientsFor(String modelId) {
        for (ModelDecorator decorator : decorators) {
            if (decorator.retries(modelId)) {
                return clientsWithoutSdkRetries;
            }
        }
        return clients;
    }

    /**
     * The model catalog this instance resolves model ids with.
     *
     * @return the catalog
     */
    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * The sync SDK client this instance uses, creating it on first use unless one was given. For
     * operations the facade does not cover.
     *
     * @return the client
     * @throws IllegalStateException if the instance is closed
     * @throws ConfigurationException if the client must be created and no region can be found
     */
    public BedrockRuntimeClient runtimeClient() {
        BedrockRuntimeClient client = syncClient();
        return client != null ? client : createSync();
    }

    /**
     * The token counter of this instance: Bedrock's {@code CountTokens} through {@link #runtimeClient()} for the
     * models whose catalog entry has {@link dev.bedrock4j.core.catalog.Capability#COUNT_TOKENS}, the estimate of
     * {@link TokenCounter#estimate()} for the others, with one cache of the last counts shared by every caller.
     *
     * <pre>{@code
     * int tokens = bedrock.tokenCounter().inputTokens("anthropic.claude-3-5-haiku-20241022-v1:0",
     *         ChatRequest.builder().user("What is Amazon Bedrock?").build());
     * }</pre>
     *
     * @return the counter, the same on every call
     * @throws IllegalStateException if the instance is closed
     * @throws ConfigurationException if the client must be created and no region can be found
     */
    public TokenCounter tokenCounter() {
        return countTokensCounter(runtimeClient());
    }

    private CountTokensCounter countTokensCounter(BedrockRuntimeClient client) {
        synchronized (lock) {
            if (tokenCounter == null) {
                tokenCounter = new CountTokensCounter(client, catalog, CountTokensCounter.DEFAULT_CACHE_SIZE);
            }
            return tokenCounter;
        }
    }

    // The counter chat pre-flight asks for exact counts: this instance's, so its cache is shared with every other
    // caller. An instance given only an async client has no sync client to count with, and creating one would
    // reach past the client the user chose, so pre-flight then checks by estimate only.
    private CountTokensCounter preflightCounter() {
        BedrockRuntimeClient client = syncClient();
        if (client == null) {
            throw new IllegalStateException("this instance was given only an async client, so it counts no tokens");
        }
        return countTokensCounter(client);
    }

    /**
     * The async SDK client this instance uses for streaming, creating it on first use unless one was given.
     *
     * @return the client
     * @throws IllegalStateException if the instance is closed
     * @throws ConfigurationException if the client must be created and no region can be found
     */
    public BedrockRuntimeAsyncClient asyncRuntimeClient() {
        BedrockRuntimeAsyncClient client = asyncClient();
        return client != null ? client : createAsync();
    }

    /**
     * The socket read timeout clients created by this instance use.
     *
     * @return the read timeout
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    /**
     * The timeout of a whole SDK call, the SDK's retries included.
     *
     * @return the API call timeout
     */
    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    /**
     * The timeout of one HTTP attempt.
     *
     * @return the attempt timeout
     */
    public Duration apiCallAttemptTimeout() {
        return attemptTimeout;
    }

    // The sync client to use: the given one, else one created on demand; null only when just an async one was given.
    private BedrockRuntimeClient syncClient() {
        if (givenSync != null) {
            return givenSync;
        }
        if (givenAsync != null) {
            return null;
        }
        return createSync();
    }

    private BedrockRuntimeAsyncClient asyncClient() {
        if (givenAsync != null) {
            return givenAsync;
        }
        if (givenSync != null) {
            return null;
        }
        return createAsync();
    }

    private BedrockRuntimeClient createSync() {
        synchronized (lock) {
            checkOpen();
            if (createdSync == null) {
                BedrockRuntimeClientBuilder b = BedrockRuntimeClient.builder()
                        .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(readTimeout))
                        .overrideConfiguration(this::timeouts);
                configure(b);
                createdSync = b.build();
            }
            return createdSync;
        }
    }

    private BedrockRuntimeAsyncClient createAsync() {
        synchronized (lock) {
            checkOpen();
            if (createdAsync == null) {
                BedrockRuntimeAsyncClientBuilder b = BedrockRuntimeAsyncClient.builder()
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(readTimeout))
                        .overrideConfiguration(this::timeouts);
                configure(b);
                createdAsync = b.build();
            }
            return createdAsync;
        }
    }

    private void timeouts(ClientOverrideConfiguration.Builder o) {
        o.apiCallTimeout(apiCallTimeout).apiCallAttemptTimeout(attemptTimeout);
    }

    // Called under the lock.
    private void configure(software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<?, ?> b) {
        b.region(region());
        if (credentials != null) {
            b.credentialsProvider(credentials);
        }
        if (endpointOverride != null) {
            b.endpointOverride(endpointOverride);
        }
    }

    // The given region, else the SDK chain's, resolved here so that its absence is a ConfigurationException. Under the lock.
    private Region region() {
        if (region != null) {
            return region;
        }
        if (resolvedRegion == null) {
            resolvedRegion = regionLookup.resolve();
        }
        return resolvedRegion;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this Bedrock instance is closed; create a new one");
        }
    }

    /**
     * Closes the SDK clients this instance created. Clients passed to the builder are left open, and models
     * keep using them. Calling it twice does nothing.
     *
     * <p>When this instance created its clients, the models handed out stop working: a stream still running
     * fails with {@link ClientClosedException} (it does not complete with the answer cut short), and later
     * calls and streams fail with it too. Close only after the streams have completed or been cancelled.
     */
    @Override
    public void close() {
        if (givenSync == null && givenAsync == null) {
            // Before the SDK clients close: the SDK may end a stream whose connection closes as if it were complete.
            clients.openStreams().close();
        }
        synchronized (lock) {
            closed = true;
            if (createdSync != null) {
                createdSync.close();
                createdSync = null;
            }
            if (createdAsync != null) {
                createdAsync.close();
                createdAsync = null;
            }
        }
    }

    @Override
    public String toString() {
        Region shown;
        synchronized (lock) {
            shown = region != null ? region : resolvedRegion;
        }
        return "Bedrock[region=" + shown + ", endpoint=" + endpointOverride + "]";
    }

    /**
     * Builds a {@link Bedrock} instance.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private Region region;
        private AwsCredentialsProvider credentials;
        private URI endpointOverride;
        private Duration readTimeout;
        private Duration attemptTimeout;
        private Duration apiCallTimeout;
        private ModelCatalog catalog = ModelCatalog.defaults();
        private BedrockRuntimeClient runtimeClient;
        private BedrockRuntimeAsyncClient asyncRuntimeClient;
        private final List<ModelDecorator> decorators = new ArrayList<>();
        private RegionLookup regionLookup = RegionLookup.sdkDefaults();

        private Builder() {
        }

        // Where to look for a region when none is given; tests replace the SDK's sources, which read the machine.
        Builder regionLookup(RegionLookup lookup) {
            this.regionLookup = Objects.requireNonNull(lookup, "lookup");
            return this;
        }

        // A region is looked up only for clients Bedrock creates, and only when none was given.
        private boolean needsRegionLookup() {
            return region == null && runtimeClient == null && asyncRuntimeClient == null;
        }

        /**
         * Adds a decorator that wraps every model this instance hands out, such as the production module's
         * resilience registry or metrics. Decorators apply in the order added, the first innermost; add
         * resilience before metrics so that each timing covers the retries.
         *
         * <pre>{@code
         * Bedrock bedrock = Bedrock.builder()
         *         .decorate(resilienceRegistry)      // retries, rate limits, circuit breaker per model id
         *         .decorate(bedrockMetrics)          // timings, tokens, cost, retries counted
         *         .build();
         * }</pre>
         *
         * @param decorator the decorator; see {@link ModelDecorator}
         * @return this
         */
        public Builder decorate(ModelDecorator decorator) {
            decorators.add(Objects.requireNonNull(decorator, "decorator"));
            return this;
        }

        /**
         * Sets the AWS region of clients this instance creates.
         *
         * @param region the region; default: the SDK's region chain ({@code aws.region}, {@code AWS_REGION},
         *        the AWS config file's profile, the EC2 instance metadata service)
         * @return this
         */
        public Builder region(Region region) {
            this.region = region;
            return this;
        }

        /**
         * Sets the credentials of clients this instance creates.
         *
         * @param credentials the provider; default: the SDK's default chain
         * @return this
         */
        public Builder credentialsProvider(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /**
         * Sends the calls of clients this instance creates to another endpoint, such as a VPC endpoint
         * or the testkit's local server. Without it, the AWS SDK's endpoint settings apply (see "Endpoints" in
         * {@link Bedrock}).
         *
         * @param endpoint the endpoint URI, or {@code null} for the SDK's
         * @return this
         * @throws IllegalArgumentException if the endpoint is not an absolute {@code http} or {@code https} URI
         *         with a host
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint == null ? null : checkEndpoint(endpoint);
            return this;
        }

        /**
         * Points clients this instance creates at a local Bedrock-compatible endpoint: sets the endpoint override,
         * region {@link Bedrock#LOCAL_REGION} and fixed dummy credentials. A {@link #region} or
         * {@link #credentialsProvider} called after it replaces the one it set.
         *
         * <pre>{@code
         * Bedrock bedrock = Bedrock.builder()
         *         .local(server.endpoint())
         *         .decorate(resilienceRegistry)
         *         .build();
         * }</pre>
         *
         * @param endpoint where the server listens, such as {@code http://127.0.0.1:8088}
         * @return this
         * @throws NullPointerException if the endpoint is null
         * @throws IllegalArgumentException if the endpoint is not an absolute {@code http} or {@code https} URI
         *         with a host
         */
        public Builder local(URI endpoint) {
            this.endpointOverride = checkEndpoint(Objects.requireNonNull(endpoint, "endpoint"));
            this.region = LOCAL_REGION;
            this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            return this;
        }

        private static URI checkEndpoint(URI endpoint) {
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!endpoint.isAbsolute() || endpoint.isOpaque() || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("endpoint must be an absolute http:// or https:// URI such as"
                        + " http://127.0.0.1:8088, was \"" + endpoint + "\"");
            }
            if (endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint has no host: \"" + endpoint + "\"; write it as"
                        + " http://127.0.0.1:8088 (a host name with an underscore is not a valid URI host)");
            }
            return endpoint;
        }

        /**
         * Uses your sync SDK client instead of creating one. It stays yours to close.
         *
         * @param client the client
         * @return this
         */
        public Builder runtimeClient(BedrockRuntimeClient client) {
            this.runtimeClient = client;
            return this;
        }

        /**
         * Uses your async SDK client (for streaming) instead of creating one. It stays yours to close.
         *
         * @param client the client
         * @return this
         */
        public Builder asyncRuntimeClient(BedrockRuntimeAsyncClient client) {
            this.asyncRuntimeClient = client;
            return this;
        }

        /**
         * Sets how long one socket read may wait; applies to clients this instance creates.
         *
         * @param timeout the read timeout; default 5 minutes
         * @return this
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Preflight.positive("readTimeout", timeout);
            return this;
        }

        /**
         * Sets how long one HTTP attempt may take.
         *
         * @param timeout the attempt timeout; default 5 minutes
         * @return this
         */
        public Builder apiCallAttemptTimeout(Duration timeout) {
            this.attemptTimeout = Preflight.positive("apiCallAttemptTimeout", timeout);
            return this;
        }

        /**
         * Sets how long a whole SDK call may take, the SDK's retries included; with a decorator that retries
         * the model itself, each of its attempts.
         *
         * @param timeout the call timeout; default 15 minutes
         * @return this
         */
        public Builder apiCallTimeout(Duration timeout) {
            this.apiCallTimeout = Preflight.positive("apiCallTimeout", timeout);
            return this;
        }

        /**
         * Uses another model catalog, for example one with aliases for provisioned models.
         *
         * @param catalog the catalog
         * @return this
         */
        public Builder catalog(ModelCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Builds the instance. SDK clients are created on first use, not here; when no region was given, this
         * checks without the network that some source can supply one (see "Region and credentials" in
         * {@link Bedrock}).
         *
         * @return the instance
         * @throws IllegalArgumentException if the timeouts contradict each other
         * @throws ConfigurationException if no region was given and none can be found: not in {@code aws.region},
         *         {@code AWS_REGION} or the AWS config file, with the EC2 instance metadata service switched off
         */
        public Bedrock build() {
            JacksonVersions.warnIfMixed();
            Duration read = readTimeout != null ? readTimeout : DEFAULT_READ_TIMEOUT;
            Duration attempt = attemptTimeout != null ? attemptTimeout : DEFAULT_ATTEMPT_TIMEOUT;
            Duration call = apiCallTimeout != null ? apiCallTimeout : DEFAULT_API_CALL_TIMEOUT;
            if (attemptTimeout != null && apiCallTimeout == null && attempt.compareTo(call) > 0) {
                call = attempt;
                apiCallTimeout = attempt;
            }
            if (apiCallTimeout != null && attemptTimeout == null && call.compareTo(attempt) < 0) {
                attempt = call;
                attemptTimeout = call;
            }
            if (attemptTimeout != null && readTimeout == null && read.compareTo(attempt) > 0) {
                readTimeout = attempt;
                read = attempt;
            }
            if (read.compareTo(attempt) > 0) {
                throw new IllegalArgumentException("readTimeout (" + read + ") is longer than apiCallAttemptTimeout ("
                        + attempt + "): a read could never time out before its attempt does; shorten readTimeout or lengthen the attempt");
            }
            if (attempt.compareTo(call) > 0) {
                throw new IllegalArgumentException("apiCallAttemptTimeout (" + attempt + ") is longer than apiCallTimeout ("
                        + call + "): no attempt could use its full time; lengthen apiCallTimeout");
            }
            if (endpointOverride != null && (runtimeClient != null || asyncRuntimeClient != null)) {
                throw new IllegalArgumentException("endpointOverride applies only to clients Bedrock creates;"
                        + " set the endpoint on the SDK client you pass instead");
            }
            if (needsRegionLookup()) {
                regionLookup.checkLocal();
            }
            return new Bedrock(this);
        }
    }

    /**
     * Applies a consumer to a new builder and builds; a shorthand for one-off configuration.
     *
     * @param configure sets up the builder
     * @return the instance
     * @throws ConfigurationException if no region was given and none can be found
     */
    public static Bedrock create(Consumer<Builder> configure) {
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }
}
