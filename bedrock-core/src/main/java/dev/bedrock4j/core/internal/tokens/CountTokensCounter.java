package dev.bedrock4j.core.internal.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.Capability;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.ConverseCodec;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.tokens.TokenCounter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTokensRequest;
import software.amazon.awssdk.services.bedrockruntime.model.CountTokensInput;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The token counter over {@code CountTokens}: exact counts for models with {@link Capability#COUNT_TOKENS}, the
 * estimate for the others and for models Bedrock refuses to count for (remembered); a bounded cache of the last
 * counts. Thread-safe: the cache is synchronized, the refused models a concurrent set.
 */
public final class CountTokensCounter implements TokenCounter {
    /** How many counts the cache keeps. */
    public static final int DEFAULT_CACHE_SIZE = 1024;

    private final BedrockRuntimeClient client;
    private final ModelCatalog catalog;
    private final Map<Key, Integer> cache;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    /** A counter calling the client, for the models of the catalog, caching {@code cacheSize} counts. */
    public CountTokensCounter(BedrockRuntimeClient client, ModelCatalog catalog, int cacheSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (cacheSize < 1) {
            throw new IllegalArgumentException("cacheSize must be at least 1, was " + cacheSize);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Integer> eldest) {
                return size() > cacheSize;
            }
        };
    }

    private record Key(String modelId, Object input) {
    }

    @Override
    public int inputTokens(String modelId, ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return count(modelId, request, () -> TokenEstimate.INSTANCE.inputTokens(modelId, request), () -> {
            ConverseRequest converse = ConverseCodec.toSdk(request);
            ConverseTokensRequest.Builder tokens = ConverseTokensRequest.builder().messages(converse.messages());
            if (converse.hasSystem()) {
                tokens.system(converse.system());
            }
            if (converse.toolConfig() != null) {
                tokens.toolConfig(converse.toolConfig());
            }
            if (converse.additionalModelRequestFields() != null) {
                tokens.additionalModelRequestFields(converse.additionalModelRequestFields());
            }
            return CountTokensInput.builder().converse(tokens.build()).build();
        });
    }

    @Override
    public int inputTokens(String modelId, JsonNode body) {
        Objects.requireNonNull(body, "body");
        return count(modelId, body, () -> TokenEstimate.INSTANCE.inputTokens(modelId, body),
                () -> CountTokensInput.builder().invokeModel(i -> i.body(SdkBytes.fromUtf8String(JsonSupport.write(body))))
                        .build());
    }

    private int count(String modelId, Object input, Supplier<Integer> estimate, Supplier<CountTokensInput> wire) {
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidRequestException("modelId", "modelId is " + (modelId == null ? "null" : "blank")
                    + "; pass the id of the model the request is for");
        }
        if (refused.contains(modelId) || !catalog.lookup(modelId).supports(Capability.COUNT_TOKENS)) {
            return estimate.get();
        }
        Key key = new Key(modelId, input);
        synchronized (cache) {
            Integer cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        int tokens;
        try {
            Integer counted = client.countTokens(r -> r.modelId(modelId).input(wire.get())).inputTokens();
            tokens = counted == null ? estimate.get() : Math.max(1, counted);
        } catch (ValidationException e) {
            if (e.getMessage() != null && e.getMessage().contains("support counting tokens")) {
                refused.add(modelId);
                return estimate.get();
            }
            throw BedrockException.from(e, modelId);
        } catch (RuntimeException e) {
            throw BedrockException.from(e, modelId);
        }
        synchronized (cache) {
            cache.put(key, tokens);
        }
        return tokens;
    }

    @Override
    public String toString() {
        return "TokenCounter[CountTokens, estimate for other models]";
    }
}
