package dev.bedrock4j.bench;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.stream.ChatEvent;
import dev.bedrock4j.testkit.LocalBedrockServer;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.WireEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Streams the same ConverseStream answer from the testkit server through the raw SDK (a visitor that
 * counts events) and through Bedrock4j's {@code ChatStream} (a Flow subscriber that counts events), with
 * one shared async SDK client. {@code events} streams measure throughput (events/s = ops/s x events);
 * the {@code firstEvent} benchmarks measure the time until the first text delta arrives.
 *
 * <pre>
 * java -jar bedrock-bench/target/benchmarks.jar StreamingBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamingBenchmark {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    /** Text deltas per streamed answer. */
    @Param({"2000"})
    public int events;

    LocalBedrockServer server;
    BedrockRuntimeAsyncClient client;
    Bedrock bedrock;
    ChatModel model;
    ConverseStreamRequest rawRequest;
    ChatRequest request;

    /** Starts the server with a long scripted stream and a short one. */
    @Setup(Level.Trial)
    public void setUp() {
        server = LocalBedrockServer.start();
        List<WireEvent> stream = new ArrayList<>();
        stream.add(WireEvent.messageStart());
        for (int i = 0; i < events; i++) {
            stream.add(WireEvent.textDelta(0, "tok" + i + " "));
        }
        stream.add(WireEvent.contentBlockStop(0));
        stream.add(WireEvent.messageStop(dev.bedrock4j.core.chat.StopReason.END_TURN));
        stream.add(WireEvent.metadata(dev.bedrock4j.core.chat.Usage.of(10, events), 5));
        server.model(MODEL).reply(ModelReply.events(stream));
        server.model("short").reply(ModelReply.events(WireEvent.messageStart(), WireEvent.textDelta(0, "first"),
                WireEvent.contentBlockStop(0), WireEvent.messageStop(dev.bedrock4j.core.chat.StopReason.END_TURN),
                WireEvent.metadata(dev.bedrock4j.core.chat.Usage.of(1, 1), 1)));
        client = BedrockRuntimeAsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
        bedrock = Bedrock.builder().asyncRuntimeClient(client).build();
        model = bedrock.chat(MODEL);
        rawRequest = ConverseStreamRequest.builder().modelId(MODEL)
                .messages(Message.builder().role("user").content(c -> c.text("stream please")).build()).build();
        request = ChatRequest.of("stream please");
    }

    /** Closes the client and the server. */
    @TearDown(Level.Trial)
    public void tearDown() {
        bedrock.close();
        client.close();
        server.close();
    }

    /** Raw SDK: a visitor counts the events of one whole stream. */
    @Benchmark
    public long rawSdkEvents() {
        return rawCount(rawRequest);
    }

    /** Bedrock4j: a Flow subscriber counts the events of one whole stream. */
    @Benchmark
    public long chatStreamEvents() {
        return flowCount(model, request);
    }

    /** Raw SDK: time until the first text delta of a short stream. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object rawSdkFirstEvent() {
        CompletableFuture<Object> first = new CompletableFuture<>();
        ConverseStreamRequest shortRequest = rawRequest.toBuilder().modelId("short").build();
        client.converseStream(shortRequest, ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(delta -> first.complete(delta)).build())
                .build());
        return first.join();
    }

    /** Bedrock4j: time until the first text delta of a short stream. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object chatStreamFirstEvent() {
        CompletableFuture<Object> first = new CompletableFuture<>();
        bedrock.chat("short").stream(request).subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChatEvent event) {
                if (event instanceof ChatEvent.TextDelta) {
                    first.complete(event);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                first.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        return first.join();
    }

    long rawCount(ConverseStreamRequest request) {
        long[] count = {0};
        client.converseStream(request, ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta((ContentBlockDeltaEvent delta) -> count[0]++)
                        .onDefault(event -> count[0]++)
                        .build())
                .build()).join();
        return count[0];
    }

    static long flowCount(ChatModel model, ChatRequest request) {
        long[] count = {0};
        CompletableFuture<Void> done = new CompletableFuture<>();
        model.stream(request).subscribe(new Flow.Subscriber<ChatEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ChatEvent event) {
                count[0]++;
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return count[0];
    }
}
