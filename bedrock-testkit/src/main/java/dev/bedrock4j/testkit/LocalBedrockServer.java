package dev.bedrock4j.testkit;

import dev.bedrock4j.core.spi.JacksonVersions;
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
 * ({@code Converse}, {@code ConverseStream}, {@code InvokeModel}, {@code InvokeModelWithResponseStream},
 * {@code CountTokens}, {@code ApplyGuardrail})
 * and {@code BedrockAgentRuntimeClient} and {@code BedrockAgentRuntimeAsyncClient} ({@code Retrieve},
 * {@code Rerank}, {@code RetrieveAndGenerate}, {@code RetrieveAndGenerateStream}, {@code InvokeAgent}). {@link #start()} listens
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
 *       embedding models (Titan Text Embeddings v1/v2, Cohere Embed, texts and images) return deterministic
 *       vectors in which texts that share words are close.</li>
 *   <li>Unscripted models think as the real ones do: Claude with extended thinking enabled
 *       ({@code additionalModelRequestFields} {@code {"thinking":{"type":"enabled","budget_tokens":N}}}, or
 *       {@code thinking} in the native body) answers with a signed reasoning block before the text (Converse
 *       {@code reasoningContent}, ConverseStream reasoning and signature deltas, a native {@code thinking}
 *       block); DeepSeek-R1 and gpt-oss, which always reason, with an unsigned one.</li>
 *   <li>{@code InvokeModel} bodies are read and written in each family's native format (Anthropic,
 *       Nova, Titan Text, Llama, Mistral, Cohere Command R, AI21 Jamba, DeepSeek, OpenAI gpt-oss), with the
 *       token-count headers. Image models (Titan Image Generator, Nova Canvas, Stability's Stable Diffusion
 *       3.5, Stable Image Core and Ultra) answer real, small images, the same for the same prompt and seed,
 *       honouring the count and size fields of their bodies.</li>
 *   <li>{@code CountTokens} counts the input of a Converse or native body for Claude models with the same
 *       estimate the answers bill; {@code ApplyGuardrail} answers from the {@link #guardrail(String, String)
 *       guardrails} a test configures, and Converse and ConverseStream apply the guardrail their
 *       {@code guardrailConfig} names: blocked input never reaches the model, blocked or masked output is
 *       replaced, both with stop reason {@code guardrail_intervened}, and {@code trace} returns the
 *       assessments (a guardrail the test did not configure is refused with Bedrock's
 *       {@code ValidationException}).</li>
 *   <li>{@code Rerank} (Amazon Rerank and Cohere Rerank 3.5, by model id or foundation-model ARN) scores each
 *       source by lexical overlap, the share of the query's distinct words it holds (0 to 1), ties going to the
 *       shorter source, and answers the best {@code numberOfResults} with their index and document; a
 *       {@code Retrieve} with a {@code rerankingConfiguration} reranks its hits the same way. Other model ids are
 *       refused with {@code ValidationException}.</li>
 *   <li>Knowledge bases, agents and guardrails exist once a test configures them with
 *       {@link #knowledgeBase(String)}, {@link #agent(String, String)} and {@link #guardrail(String, String)};
 *       unknown ones get HTTP 404 {@code ResourceNotFoundException}.</li>
 *   <li>What Bedrock refuses, it refuses as Bedrock does, with HTTP 400 {@code ValidationException} and
 *       Bedrock's message (see <a href="#validation">Validation</a>).</li>
 *   <li>Errors use Bedrock's shape ({@code x-amzn-ErrorType} and a JSON message), so the SDK raises its
 *       own exception classes and retries as it does against AWS; see {@link Fault}.</li>
 * </ul>
 *
 * <h2 id="validation">Validation</h2>
 * <p>The server is as strict as Bedrock, so that a test that passes against it passes against the service. It
 * refuses, with HTTP 400 {@code ValidationException} and the message Bedrock sends:
 * <ul>
 *   <li>model ids Bedrock does not serve: {@code "The provided model identifier is invalid."} for any id the
 *       model catalog does not know ({@link dev.bedrock4j.core.catalog.ModelCatalog}: foundation model ids,
 *       inference profile ids, and ARNs of either), unless the test scripts it with {@link #model(String)};
 *       a test that asks for {@link #anyModel()} declares that every well-formed id answers, except an id
 *       that is a likely typo of a known one; malformed ids (empty, blank, with whitespace, a known id in
 *       another letter case) are refused whatever is scripted;</li>
 *   <li>requests that break the service model's constraints (required members, lengths, ranges, patterns,
 *       enums, unions with exactly one member): {@code "1 validation error detected: Value '5.0' at
 *       'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or
 *       equal to 1"};</li>
 *   <li>conversations Converse refuses: no messages or a first turn that is not the user's ({@code "A
 *       conversation must start with a user message. ..."}), two turns of one role in a row ({@code "A
 *       conversation must alternate between user and assistant roles. ..."}), empty turns, tool results with
 *       no tool call before them, tool blocks without a tool configuration; blank text; more or larger
 *       images, documents and videos than the model takes; {@code maxTokens} over its output limit (the
 *       library's own pre-flight checks, which answer the same way); an input that, with {@code maxTokens}, does
 *       not fit the model's context window ({@code ModelInfo.contextWindow()}; counted one token a word, as
 *       {@code CountTokens} counts here): {@code "The model returned the following errors: Input is too long for
 *       requested model."} ({@code CountTokens} itself counts inputs of any size);</li>
 *   <li>native {@code InvokeModel} bodies that break their family's rules: {@code "Malformed input request:
 *       #: required key [prompt] not found#: extraneous key [foo] is not permitted, please reformat your
 *       input and try again."}, and the model's own checks ({@code "temperature: range: 0..1"}).</li>
 * </ul>
 * <p>A test that wants the old, forgiving behaviour (any id answers, any request is answered as well as it
 * can be) makes the server {@link #lenient(boolean) lenient}.
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
     * <p>Asking for it declares that any model answers: from then until {@link #reset()}, ids the model catalog
     * does not know are served too, except likely typos of ids it knows (Bedrock would refuse those; script
     * the exact id with {@link #model(String)} to have one served).
     *
     * @return the default script
     */
    public ModelScript anyModel() {
        return new ModelScript(engine.anyModel());
    }

    /**
     * Makes the server lenient, or strict again. A strict server (the default) refuses what Bedrock refuses,
     * as Bedrock does (see <a href="#validation">Validation</a>). A lenient one serves every model id that is
     * not malformed, scripted or not (unscripted chat models repeat the last user turn), and answers every
     * request it can read, skipping the checks of the request's shape, the conversation and its content, and
     * native bodies: a test then passes where Bedrock would fail it, so use it only in a test that is about
     * something else, and say why.
     *
     * <pre>{@code
     * server.lenient(true);   // this test exercises retries, not requests; any id will do
     * }</pre>
     *
     * <p>{@link #reset()} makes the server strict again, so with the JUnit extension leniency lasts one test.
     *
     * @param lenient {@code true} to answer what Bedrock would refuse
     * @return this
     */
    public LocalBedrockServer lenient(boolean lenient) {
        engine.lenient(lenient);
        return this;
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
     * A guardrail version, answering {@code ApplyGuardrail}; created on first use with the default policies
     * (e-mail addresses and phone numbers anonymized). A guardrail id or version the test did not configure
     * gets HTTP 404 {@code ResourceNotFoundException}, as an unknown guardrail does on Bedrock.
     *
     * <pre>{@code
     * server.guardrail("gr7abc123xyz", "DRAFT").blockWords("confidential");
     * }</pre>
     *
     * @param guardrailId the guardrail id as Bedrock forms them: lower-case letters and digits, such as
     *                    {@code gr7abc123xyz}; calls may name it by id or by its ARN
     * @param version {@code DRAFT} or a version number from 1
     * @return the guardrail
     * @throws IllegalArgumentException if the id or version is not one Bedrock could have
     */
    public LocalGuardrail guardrail(String guardrailId, String version) {
        Objects.requireNonNull(guardrailId, "guardrailId");
        Objects.requireNonNull(version, "version");
        if (!guardrailId.matches("[a-z0-9]+")) {
            throw new IllegalArgumentException("a guardrail id is lower-case letters and digits, such as gr7abc123xyz;"
                    + " was \"" + guardrailId + "\"");
        }
        if (!version.matches("DRAFT|[1-9][0-9]{0,7}")) {
            throw new IllegalArgumentException("a guardrail version is DRAFT or a number from 1; was \"" + version + "\"");
        }
        return new LocalGuardrail(engine.guardrail(guardrailId, version));
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
     * Forgets every script, fault, knowledge base, agent, guardrail, recorded request and
     * {@link #abandonedStreams() abandoned stream}, and makes a {@link #lenient(boolean) lenient} server strict
     * again; the history's limits stay.
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
            // a mixed Jackson fails the server's first answer: say so before the first request
            JacksonVersions.warnIfMixed();
            return new LocalBedrockServer(host, port);
        }
    }
}
