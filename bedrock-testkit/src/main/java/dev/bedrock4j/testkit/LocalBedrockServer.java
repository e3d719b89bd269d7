package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.server.BedrockEngine;
import dev.bedrock4j.testkit.internal.server.ControlApi;
import dev.bedrock4j.testkit.internal.server.NettyTransport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An in-process HTTP server that speaks the Amazon Bedrock wire protocol, so the real, unmodified AWS
 * SDK clients run offline against it: {@code BedrockRuntimeClient} and {@code BedrockRuntimeAsyncClient}
 * ({@code Converse}, {@code ConverseStream}, {@code InvokeModel}, {@code InvokeModelWithResponseStream})
 * and {@code BedrockAgentRuntimeClient} and {@code BedrockAgentRuntimeAsyncClient} ({@code Retrieve},
 * {@code RetrieveAndGenerate}, {@code RetrieveAndGenerateStream}, {@code InvokeAgent}). {@link #start()} listens
 * on a free port of 127.0.0.1 ({@link #builder()} chooses the host and port) and serves HTTP/1.1 and HTTP/2
 * cleartext (what the async client speaks) on it.
 *
 * <h2>Script, exercise, verify</h2>
 * <pre>{@code
 * try (LocalBedrockServer server = LocalBedrockServer.start()) {
 *     server.model("anthropic.claude-3-haiku-20240307-v1:0").reply("Hello!");
 *
 *     BedrockRuntimeClient client = BedrockRuntimeClient.builder()
 *             .endpointOverride(server.endpoint())
 *             .region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *             .build();
 *     ConverseResponse response = client.converse(r -> r.modelId("anthropic.claude-3-haiku-20240307-v1:0")
 *             .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Hi"))));
 *
 *     assertThat(response.output().message().content().get(0).text()).isEqualTo("Hello!");
 *     assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText()).isEqualTo("Hi");
 * }
 * }</pre>
 *
 * <h2>What it answers</h2>
 * <ul>
 *   <li>Models answer from their {@link #model(String) script} (matched on the percent-decoded model id
 *       exactly as the caller passed it), else from {@link #anyModel()}; unscripted chat models repeat
 *       the last user turn ({@code "You said: ..."}), streams split the answer into several deltas, and
 *       embedding models (Titan Text Embeddings v1/v2, Cohere Embed) return deterministic vectors in
 *       which texts that share words are close.</li>
 *   <li>{@code InvokeModel} bodies are read and written in each family's native format (Anthropic,
 *       Nova, Titan Text, Llama, Mistral, Cohere Command R), with the token-count headers.</li>
 *   <li>Knowledge bases and agents exist once a test configures them with {@link #knowledgeBase(String)}
 *       and {@link #agent(String, String)}; unknown ones get HTTP 404 {@code ResourceNotFoundException}.</li>
 *   <li>What Bedrock refuses before any model runs, it refuses with Bedrock's HTTP 400
 *       {@code ValidationException} and message: a malformed model id, an id that is a likely typo of one
 *       the model catalog knows ({@code "The provided model identifier is invalid."}; script the id with
 *       {@link #model(String)} to have it served anyway), and Converse content the library's pre-flight
 *       checks reject (blank text, more or larger images, documents and videos than the model takes,
 *       {@code maxTokens} over its output limit).</li>
 *   <li>Errors use Bedrock's shape ({@code x-amzn-ErrorType} and a JSON message), so the SDK raises its
 *       own exception classes and retries as it does against AWS; see {@link Fault}.</li>
 * </ul>
 *
 * <h2>From any language: the standalone emulator and its control API</h2>
 * <p>The same server runs on its own, for Python, JavaScript or the AWS CLI, from the testkit's {@code server}
 * jar: {@code java -jar bedrock-testkit-VERSION-server.jar --port 8088 [--host 0.0.0.0]}. Under
 * {@code /_emulator/} it answers a small JSON control API (on every server, this one included) that scripts it
 * as these methods do: {@code PUT /_emulator/models/{modelId}} with {@code {"replies": ["Hello!"]}},
 * {@code POST /_emulator/faults}, {@code PUT /_emulator/knowledge-bases/{id}}, {@code PUT
 * /_emulator/agents/{agentId}/{aliasId}}, {@code GET} and {@code DELETE /_emulator/requests},
 * {@code POST /_emulator/reset}. The testkit's README documents the JSON forms, with curl, boto3 and
 * JavaScript examples.
 *
 * <h2>When the server itself fails</h2>
 * <p>A failure inside the server while it answers (a scripted function that throws, or a
 * {@code NoSuchMethodError} from two versions of one library on the class path) never leaves the client with an
 * empty reply: it gets HTTP 500 {@code InternalServerException} whose message names the exception, and the
 * server logs it at WARN, through SLF4J, under this class's name.
 *
 * <p>Every request is recorded, decoded, in arrival order: {@link #requests()}, {@link #lastRequest()}. The
 * history is bounded, so that a long run does not fill the heap: the most recent
 * {@value #DEFAULT_MAX_RECORDED_REQUESTS} requests, and at most {@value #DEFAULT_MAX_RECORDED_BYTES} bytes of
 * their bodies, are kept ({@link #maxRecordedRequests(int)}, {@link #maxRecordedBytes(long)}); the counts
 * ({@link #requestCount()}) include the forgotten ones. Credentials are never recorded: the
 * {@code Authorization} and session token headers are redacted (see {@link RecordedRequest}).
 *
 * <p>Thread-safe; create one per test (starting one takes milliseconds) and close it.
 */
public final class LocalBedrockServer implements AutoCloseable {
    /** The default {@link #maxRecordedRequests(int)}. */
    public static final int DEFAULT_MAX_RECORDED_REQUESTS = 1000;
    /** The default {@link #maxRecordedBytes(long)}: 64 MiB. */
    public static final long DEFAULT_MAX_RECORDED_BYTES = 64L * 1024 * 1024;

    private final BedrockEngine engine = new BedrockEngine(DEFAULT_MAX_RECORDED_REQUESTS, DEFAULT_MAX_RECORDED_BYTES);
    private int maxRecordedRequests = DEFAULT_MAX_RECORDED_REQUESTS;
    private long maxRecordedBytes = DEFAULT_MAX_RECORDED_BYTES;
    private final NettyTransport transport;
    private final URI endpoint;

    private LocalBedrockServer(String host, int port) {
        // the control API resets and clears through this class's methods, so both ways do the same
        this.transport = NettyTransport.start(engine, new ControlApi(engine, this::clear, this::reset), host, port);
        this.endpoint = endpointOf(transport.address());
    }

    /** The address clients connect to: the bound one, or the loopback address for a wildcard. */
    private static URI endpointOf(InetSocketAddress bound) {
        InetAddress address = bound.getAddress();
        String host;
        if (address.isAnyLocalAddress()) {
            host = "127.0.0.1";
        } else if (address instanceof Inet6Address) {
            String literal = address.getHostAddress();
            int zone = literal.indexOf('%');
            host = "[" + (zone < 0 ? literal : literal.substring(0, zone)) + "]";
        } else {
            host = address.getHostAddress();
        }
        return URI.create("http://" + host + ":" + bound.getPort());
    }

    /**
     * Starts a server on a free port of 127.0.0.1: the same as {@code builder().start()}.
     *
     * @return the running server
     */
    public static LocalBedrockServer start() {
        return builder().start();
    }

    /**
     * A builder that chooses the host and port to listen on.
     *
     * <pre>{@code
     * try (LocalBedrockServer server = LocalBedrockServer.builder().port(8088).start()) {
     *     // http://127.0.0.1:8088, for a client configured with that endpoint
     * }
     * }</pre>
     *
     * @return a new builder: host 127.0.0.1, a free port
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The endpoint to pass to the SDK client builder's {@code endpointOverride}: {@code http://}, the address
     * listened on (127.0.0.1 when it listens on every address), and the port.
     *
     * @return such as {@code http://127.0.0.1:PORT}
     */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * The script of a model id, created on first use. The id is matched exactly as the caller passes
     * it (after percent-decoding): a foundation model id, an inference profile id or an ARN.
     *
     * @param modelId the model id
     * @return the model's script
     */
    public ModelScript model(String modelId) {
        return new ModelScript(engine.model(Objects.requireNonNull(modelId, "modelId")));
    }

    /**
     * The script every model falls back to when its own script has no reply or fault left. Its replies
     * answer chat calls; embedding models keep their offline vectors unless scripted by their own id, so
     * {@code anyModel().respondWith(...)} and {@code bedrock.embeddings(...)} work side by side.
     *
     * @return the default script
     */
    public ModelScript anyModel() {
        return new ModelScript(engine.anyModel());
    }

    /**
     * A knowledge base, created empty on first use.
     *
     * @param knowledgeBaseId the knowledge base id, such as {@code KB123}
     * @return the knowledge base
     */
    public LocalKnowledgeBase knowledgeBase(String knowledgeBaseId) {
        return new LocalKnowledgeBase(engine.knowledgeBase(Objects.requireNonNull(knowledgeBaseId, "knowledgeBaseId")));
    }

    /**
     * An agent alias, created on first use.
     *
     * @param agentId the agent id
     * @param agentAliasId the alias id
     * @return the agent
     */
    public LocalAgent agent(String agentId, String agentAliasId) {
        return new LocalAgent(engine.agent(Objects.requireNonNull(agentId, "agentId"),
                Objects.requireNonNull(agentAliasId, "agentAliasId")));
    }

    /**
     * Injects a fault into the next calls of any operation, before any model's or agent's own faults.
     *
     * @param calls how many calls, at least 1
     * @param fault the fault
     * @return this
     */
    public LocalBedrockServer faultNext(int calls, Fault fault) {
        engine.serverFaults().faultNext(calls, fault);
        return this;
    }

    /**
     * The requests received, in arrival order (SDK retries included): all of them, or the most recent ones when
     * more arrived than {@link #maxRecordedRequests(int)} or {@link #maxRecordedBytes(long)} keep.
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests() {
        return engine.requests();
    }

    /**
     * Keeps at most this many requests in {@link #requests()}, the most recent; older ones are forgotten, but
     * still counted by {@link #requestCount()}. Lowering it forgets the oldest at once.
     *
     * <pre>{@code
     * server.maxRecordedRequests(10);   // a load test: keep only the last ten
     * }</pre>
     *
     * @param requests at least 1; default {@value #DEFAULT_MAX_RECORDED_REQUESTS}
     * @return this
     */
    public LocalBedrockServer maxRecordedRequests(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("maxRecordedRequests must be at least 1, was " + requests);
        }
        synchronized (engine) {
            maxRecordedRequests = requests;
            engine.limitRecorded(maxRecordedRequests, maxRecordedBytes);
        }
        return this;
    }

    /**
     * Keeps at most this many bytes of request bodies in {@link #requests()}, forgetting the oldest requests
     * first; the most recent request is always kept, however large.
     *
     * @param bytes at least 0; default {@value #DEFAULT_MAX_RECORDED_BYTES}
     * @return this
     */
    public LocalBedrockServer maxRecordedBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxRecordedBytes must be at least 0, was " + bytes);
        }
        synchronized (engine) {
            maxRecordedBytes = bytes;
            engine.limitRecorded(maxRecordedRequests, maxRecordedBytes);
        }
        return this;
    }

    /**
     * The requests of one operation, in arrival order, among those kept (see {@link #requests()}).
     *
     * @param operation the operation
     * @return an immutable snapshot
     */
    public List<RecordedRequest> requests(BedrockOperation operation) {
        return engine.requests().stream().filter(r -> r.operation() == operation).toList();
    }

    /**
     * The most recent request.
     *
     * @return the request
     * @throws IllegalStateException if no request was received
     */
    public RecordedRequest lastRequest() {
        List<RecordedRequest> all = engine.requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the local Bedrock server has received no request");
        }
        return all.get(all.size() - 1);
    }

    /**
     * How many paced streams ({@link Fault#paced(java.time.Duration)}) the client abandoned before their last
     * event, for example by cancelling its subscription: the proof that a cancel reached the connection.
     * Counts the streams started since the server started or was last {@link #reset() reset} or
     * {@link #clear() cleared}, so with the JUnit extension it is per test.
     *
     * @return the count
     */
    public int abandonedStreams() {
        return transport.abandonedStreams();
    }

    /**
     * How many requests were received since the start or the last {@link #clear()}, including those no longer
     * kept in {@link #requests()}.
     *
     * @return the count
     */
    public int requestCount() {
        return engine.requestCount();
    }

    /**
     * How many requests of one operation were received since the start or the last {@link #clear()}, including
     * those no longer kept in {@link #requests()}.
     *
     * @param operation the operation
     * @return the count
     */
    public int requestCount(BedrockOperation operation) {
        return engine.requestCount(operation);
    }

    /**
     * Forgets the recorded requests, their counts and the {@link #abandonedStreams() abandoned streams}; scripts
     * and the history's limits stay.
     *
     * @return this
     */
    public LocalBedrockServer clear() {
        engine.clearRequests();
        transport.forgetAbandonedStreams();
        return this;
    }

    /**
     * Forgets every script, fault, knowledge base, agent, recorded request and
     * {@link #abandonedStreams() abandoned stream}; the history's limits stay.
     *
     * @return this
     */
    public LocalBedrockServer reset() {
        engine.reset();
        transport.forgetAbandonedStreams();
        return this;
    }

    /**
     * Stops the server: closes its port and connections and ends its threads. Calling it twice does nothing.
     */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "LocalBedrockServer[" + endpoint + "]";
    }

    /**
     * Chooses where a {@link LocalBedrockServer} listens.
     *
     * <pre>{@code
     * LocalBedrockServer server = LocalBedrockServer.builder()
     *         .host("0.0.0.0")       // every address: reachable from containers and other machines
     *         .port(8088)
     *         .start();
     * }</pre>
     *
     * <p>Listening beyond 127.0.0.1 lets other machines script the server through its control API and read the
     * requests it recorded; it has no authentication.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;

        private Builder() {
        }

        /**
         * The host name or address to listen on.
         *
         * @param host such as {@code 127.0.0.1} (the default), {@code localhost}, or {@code 0.0.0.0} for every
         *             IPv4 address
         * @return this
         */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank; use 127.0.0.1 (the default) or 0.0.0.0");
            }
            this.host = host.strip();
            return this;
        }

        /**
         * The port to listen on.
         *
         * @param port 1 to 65535, or 0 (the default) for a free port chosen by the system
         * @return this
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 (a free port) and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Starts the server.
         *
         * @return the running server
         * @throws java.io.UncheckedIOException if the port cannot be bound, for example because another process
         *                                      uses it: choose another, or 0
         * @throws IllegalArgumentException if the host name cannot be resolved
         */
        public LocalBedrockServer start() {
            return new LocalBedrockServer(host, port);
        }
    }
}
