package dev.bedrock4j.bench;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeServiceClientConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;

/**
 * The cost of one {@code ChatModel.call()} over the raw SDK {@code converse} it makes, on the same SDK
 * client. Two set-ups: the testkit's local server over HTTP (what a user's test sees), and an in-memory
 * SDK client that answers at once, so that only the library's own work is left to measure. Run with
 * {@code -prof gc} for the allocation per call; the difference between the two benchmarks of a pair is
 * the library's overhead.
 *
 * <pre>
 * java -jar bedrock-bench/target/benchmarks.jar CallOverheadBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallOverheadBenchmark {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String QUESTION = "What is the capital of France? Answer in one word.";

    LocalBedrockServer server;
    BedrockRuntimeClient httpClient;
    BedrockRuntimeClient memoryClient;
    Bedrock overHttp;
    Bedrock inMemory;
    ChatModel httpModel;
    ChatModel memoryModel;
    ConverseRequest rawRequest;
    ChatRequest request;

    /** Starts the server and builds both clients and both models. */
    @Setup(Level.Trial)
    public void setUp() {
        server = LocalBedrockServer.start();
        server.model(MODEL).reply("Paris.");
        httpClient = BedrockRuntimeClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
        ConverseResponse answer = ConverseResponse.builder()
                .output(o -> o.message(Message.builder().role(ConversationRole.ASSISTANT).content(c -> c.text("Paris.")).build()))
                .stopReason(StopReason.END_TURN)
                .usage(u -> u.inputTokens(12).outputTokens(2).totalTokens(14))
                .metrics(m -> m.latencyMs(5L))
                .build();
        memoryClient = new BedrockRuntimeClient() {
            @Override
            public ConverseResponse converse(ConverseRequest converseRequest) {
                return answer;
            }

            @Override
            public String serviceName() {
                return "bedrock";
            }

            @Override
            public BedrockRuntimeServiceClientConfiguration serviceClientConfiguration() {
                return BedrockRuntimeServiceClientConfiguration.builder().region(Region.US_EAST_1).build();
            }

            @Override
            public void close() {
            }
        };
        overHttp = Bedrock.builder().runtimeClient(httpClient).build();
        inMemory = Bedrock.builder().runtimeClient(memoryClient).build();
        httpModel = overHttp.chat(MODEL);
        memoryModel = inMemory.chat(MODEL);
        rawRequest = ConverseRequest.builder().modelId(MODEL)
                .messages(Message.builder().role(ConversationRole.USER).content(c -> c.text(QUESTION)).build())
                .inferenceConfig(i -> i.maxTokens(100))
                .build();
        request = ChatRequest.builder().user(QUESTION).maxTokens(100).build();
    }

    /** Closes the clients and the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        overHttp.close();
        inMemory.close();
        httpClient.close();
        server.close();
    }

    /** Raw SDK {@code converse} against the local server. */
    @Benchmark
    public ConverseResponse httpRawSdk() {
        return httpClient.converse(rawRequest);
    }

    /** {@code ChatModel.call()} against the local server, on the same SDK client. */
    @Benchmark
    public ChatResponse httpChatModel() {
        return httpModel.call(request);
    }

    /** Raw SDK {@code converse} on an SDK client that answers from memory. */
    @Benchmark
    public ConverseResponse memoryRawSdk() {
        return memoryClient.converse(rawRequest);
    }

    /** {@code ChatModel.call()} on the same in-memory SDK client: the library's own work per call. */
    @Benchmark
    public ChatResponse memoryChatModel() {
        return memoryModel.call(request);
    }
}
