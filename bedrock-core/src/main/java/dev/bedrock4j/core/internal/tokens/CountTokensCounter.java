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
import java.util.OptionalInt;
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
        OptionalInt exact = exactInputTokens(modelId, request);
        return exact.isPresent() ? exact.getAsInt() : TokenEstimate.INSTANCE.inputTokens(modelId, request);
    }

    /**
     * The input tokens of a Converse request as {@code CountTokens} counts them, from the cache when counted before;
     * empty, without a call, when the model does not support counting (by the catalog, or as Bedrock answered before).
     *
     * @throws BedrockException if the call fails for another reason than the model not supporting it
     */
    public OptionalInt exactInputTokens(String modelId, ChatRequest request) {
        Objects.requireNonNull(request, "request");
        return exact(modelId, request, () -> {
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
        OptionalInt exact = exact(modelId, body,
                () -> CountTokensInput.builder().invokeModel(i -> i.body(SdkBytes.fromUtf8String(JsonSupport.write(body))))
                        .build());
        return exact.isPresent() ? exact.getAsInt() : TokenEstimate.INSTANCE.inputTokens(modelId, body);
    }

    // The count Bedrock gives, cached; empty when the model does not count (then the callers estimate).
    private OptionalInt exact(String modelId, Object input, Supplier<CountTokensInput> wire) {
        if (modelId == null || modelId.isBlank()) {
            throw new InvalidRequestException("modelId", "modelId is " + (modelId == null ? "null" : "blank")
                    + "; pass the id of the model the request is for");
        }
        if (refused.contains(modelId) || !catalog.lookup(modelId).supports(Capability.COUNT_TOKENS)) {
            return OptionalInt.empty();
        }
        Key key = new Key(modelId, input);
        synchronized (cache) {
            Integer cached = cache.get(key);
            if (cached != null) {
                return OptionalInt.of(cached);
            }
        }
        int tokens;
        try {
            Integer counted = client.countTokens(r -> r.modelId(modelId).input(wire.get())).inputTokens();
            if (counted == null) {
                return OptionalInt.empty();
            }
            tokens = Math.max(1, counted);
        } catch (ValidationException e) {
            if (e.getMessage() != null && e.getMessage().contains("support counting tokens")) {
                refused.add(modelId);
                return OptionalInt.empty();
            }
            throw BedrockException.from(e, modelId);
        } catch (RuntimeException e) {
            throw BedrockException.from(e, modelId);
        }
        synchronized (cache) {
            cache.put(key, tokens);
        }
        return OptionalInt.of(tokens);
    }

    @Override
    public String toString() {
        return "TokenCounter[CountTokens, estimate for other models]";
    }
}
