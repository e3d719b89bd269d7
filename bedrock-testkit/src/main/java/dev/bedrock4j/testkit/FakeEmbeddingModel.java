package dev.bedrock4j.testkit;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.embed.InputType;
import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.testkit.internal.BedrockChecks;
import dev.bedrock4j.testkit.internal.HashingEmbedder;
import dev.bedrock4j.testkit.internal.SdkErrors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * An {@link EmbeddingModel} for unit tests: deterministic vectors of any dimension from the hashing
 * trick (texts that share words are close, the same text always gives the same unit vector, in any JVM),
 * with every call recorded and the same pre-flight checks as the real models.
 *
 * <pre>{@code
 * FakeEmbeddingModel model = FakeEmbeddingModel.create(384);
 * Embedding a = model.embedQuery("capital of France");
 * Embedding b = model.embedDocuments(List.of("Paris is the capital of France")).embeddings().get(0);
 * assertThat(a.cosineSimilarity(b)).isGreaterThan(0.3);
 * assertThat(model.calls()).hasSize(2);
 * }</pre>
 *
 * <p>A malformed model id fails when the fake is created; an id that is a likely typo of one the catalog
 * knows fails every call, recorded, as Bedrock answers it (HTTP 400, "The provided model identifier is
 * invalid." with the likely intended id).
 *
 * <p>The token count of a call is the number of words in its texts. Errors scripted with
 * {@link #enqueueError(BedrockException)} are thrown by the next calls, in order.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class FakeEmbeddingModel implements EmbeddingModel {
    /** The model id fakes use when none is given. */
    public static final String DEFAULT_MODEL_ID = "fake.embed-model-v1:0";
    /** The longest text the fake accepts, in characters (the Titan limit). */
    public static final int MAX_CHARS = 50_000;

    private final String modelId;
    private final int dimension;
    private final List<Call> calls = new ArrayList<>();
    private final Deque<BedrockException> errors = new ArrayDeque<>();

    private FakeEmbeddingModel(String modelId, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
        }
        this.modelId = Preflight.modelId(modelId, ModelCatalog.defaults());
        this.dimension = dimension;
    }

    /**
     * A fake with the default id.
     *
     * @param dimension the vector size, at least 1
     * @return the fake
     */
    public static FakeEmbeddingModel create(int dimension) {
        return new FakeEmbeddingModel(DEFAULT_MODEL_ID, dimension);
    }

    /**
     * A fake that poses as a model.
     *
     * @param modelId the model id to report
     * @param dimension the vector size, at least 1
     * @return the fake
     * @throws dev.bedrock4j.core.InvalidRequestException if the id is malformed, as {@code Bedrock.embeddings} throws
     */
    public static FakeEmbeddingModel create(String modelId, int dimension) {
        return new FakeEmbeddingModel(modelId, dimension);
    }

    /**
     * One recorded call.
     *
     * <p>Instances are immutable and thread-safe.
     *
     * @param texts the texts of the call
     * @param inputType what they were embedded for
     */
    public record Call(List<String> texts, InputType inputType) {
        /**
         * Copies the texts.
         *
         * @param texts the texts
         * @param inputType the input type
         */
        public Call {
            texts = List.copyOf(texts);
            Objects.requireNonNull(inputType, "inputType");
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized EmbeddingResponse embed(List<String> texts, InputType inputType) {
        Objects.requireNonNull(inputType, "inputType");
        Preflight.embeddingTexts(texts, MAX_CHARS, modelId);
        calls.add(new Call(texts, inputType));
        if (BedrockChecks.likelyTypo(modelId)) {
            throw BedrockException.from(SdkErrors.of(SdkErrors.RUNTIME, "ValidationException", 400,
                    BedrockChecks.INVALID_MODEL_ID), modelId);
        }
        BedrockException error = errors.poll();
        if (error != null) {
            throw error;
        }
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        int tokens = 0;
        for (String text : texts) {
            embeddings.add(Embedding.of(HashingEmbedder.embed(text, dimension)));
            tokens += text.trim().split("\\s+").length;
        }
        return new EmbeddingResponse(embeddings, tokens);
    }

    /**
     * The vector this fake gives a text, without recording a call.
     *
     * @param text the text
     * @return its embedding
     */
    public Embedding vectorOf(String text) {
        return Embedding.of(HashingEmbedder.embed(Objects.requireNonNull(text, "text"), dimension));
    }

    /**
     * Makes the next call fail with an exception; several calls queue in order.
     *
     * @param error the exception to throw
     * @return this
     */
    public synchronized FakeEmbeddingModel enqueueError(BedrockException error) {
        errors.add(Objects.requireNonNull(error, "error"));
        return this;
    }

    /**
     * Every call received, in order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * Every text embedded, across calls, in order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<String> texts() {
        return calls.stream().flatMap(call -> call.texts().stream()).toList();
    }

    /** Forgets the recorded calls and scripted errors. */
    public synchronized void clear() {
        calls.clear();
        errors.clear();
    }

    @Override
    public String toString() {
        return "FakeEmbeddingModel[" + modelId + ", dimension=" + dimension + "]";
    }
}
