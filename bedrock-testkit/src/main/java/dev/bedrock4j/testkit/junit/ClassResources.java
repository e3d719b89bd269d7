package dev.bedrock4j.testkit.junit;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.testkit.LocalBedrockServer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * What the extension holds for one test class: the server, and the clients it hands out, each created on
 * first use and closed with the class. The async clients share one event loop group that is shut down
 * without the SDK's quiet period, so closing them takes milliseconds, not seconds. Thread-safe.
 */
final class ClassResources {
    /** Dummy credentials: the local server checks none, and real ones must never reach a test. */
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCALTEST", "local-test-secret"));

    private final LocalBedrockServer server = LocalBedrockServer.start();
    private final SdkRetries retries;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Set<String> runningTests = ConcurrentHashMap.newKeySet();
    private NioEventLoopGroup eventLoops;
    private BedrockRuntimeClient runtime;
    private BedrockRuntimeAsyncClient runtimeAsync;
    private BedrockAgentRuntimeClient agentRuntime;
    private BedrockAgentRuntimeAsyncClient agentRuntimeAsync;
    private Bedrock bedrock;

    ClassResources(SdkRetries retries) {
        this.retries = retries;
    }

    LocalBedrockServer server() {
        return server;
    }

    /** A test, by its unique id, starts using the shared server; returns how many use it now, this one included. */
    int enterTest(String testId) {
        runningTests.add(testId);
        return runningTests.size();
    }

    /** A test is done with the shared server. */
    void leaveTest(String testId) {
        runningTests.remove(testId);
    }

    synchronized BedrockRuntimeClient runtime() {
        if (runtime == null) {
            runtime = open(() -> configure(BedrockRuntimeClient.builder()).httpClientBuilder(Apache5HttpClient.builder()).build());
        }
        return runtime;
    }

    synchronized BedrockRuntimeAsyncClient runtimeAsync() {
        if (runtimeAsync == null) {
            runtimeAsync = open(() -> configure(BedrockRuntimeAsyncClient.builder()).httpClientBuilder(netty()).build());
        }
        return runtimeAsync;
    }

    synchronized BedrockAgentRuntimeClient agentRuntime() {
        if (agentRuntime == null) {
            agentRuntime = open(() -> configure(BedrockAgentRuntimeClient.builder())
                    .httpClientBuilder(Apache5HttpClient.builder()).build());
        }
        return agentRuntime;
    }

    synchronized BedrockAgentRuntimeAsyncClient agentRuntimeAsync() {
        if (agentRuntimeAsync == null) {
            agentRuntimeAsync = open(() -> configure(BedrockAgentRuntimeAsyncClient.builder()).httpClientBuilder(netty()).build());
        }
        return agentRuntimeAsync;
    }

    synchronized Bedrock bedrock() {
        if (bedrock == null) {
            bedrock = open(() -> Bedrock.builder().runtimeClient(runtime()).asyncRuntimeClient(runtimeAsync()).build());
        }
        return bedrock;
    }

    private <T extends AutoCloseable> T open(Supplier<T> create) {
        T resource = create.get();
        opened.add(resource);
        return resource;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(this::retries);
    }

    private void retries(ClientOverrideConfiguration.Builder o) {
        switch (retries) {
            case IMMEDIATE -> o.retryStrategy(AwsRetryStrategy.legacyRetryStrategy().toBuilder()
                    .backoffStrategy(BackoffStrategy.retryImmediately())
                    .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                    .circuitBreakerEnabled(false)
                    .build());
            case NONE -> o.retryStrategy(AwsRetryStrategy.doNotRetry());
            default -> {
                // the SDK's own default
            }
        }
    }

    private NettyNioAsyncHttpClient.Builder netty() {
        if (eventLoops == null) {
            eventLoops = new NioEventLoopGroup(2, new DefaultThreadFactory("bedrock-test-client", true));
        }
        return NettyNioAsyncHttpClient.builder().eventLoopGroup(SdkEventLoopGroup.create(eventLoops));
    }

    /** Closes what was opened, newest first, then the event loops and the server; the first failure is rethrown. */
    synchronized void close() {
        RuntimeException failure = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                failure = remember(failure, e);
            }
        }
        opened.clear();
        if (eventLoops != null) {
            eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        }
        try {
            server.close();
        } catch (RuntimeException e) {
            failure = remember(failure, e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException remember(RuntimeException first, Exception next) {
        if (first == null) {
            return next instanceof RuntimeException r ? r : new IllegalStateException("closing a test resource failed", next);
        }
        first.addSuppressed(next);
        return first;
    }
}
