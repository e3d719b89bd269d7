package dev.bedrock4j.core.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the catalog knows about a model: its provider, native body family, capabilities, the longest
 * answer it writes, its context window, the media one request may carry and, for embedding models, the vector sizes it
 * produces.
 *
 * <pre>{@code
 * ModelInfo info = ModelCatalog.defaults().lookup("us.anthropic.claude-3-5-haiku-20241022-v1:0");
 * info.baseModelId();                      // "anthropic.claude-3-5-haiku-20241022-v1:0"
 * info.supports(Capability.TOOLS);         // true
 * info.maxOutputTokens();                  // 8192
 * info.contextWindow();                    // 200000
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param baseModelId the foundation model id, without region prefix or ARN
 * @param provider the provider's name, such as {@code "Anthropic"}
 * @param family the native body family
 * @param capabilities what the model supports
 * @param embeddingDimensions the vector sizes of an embedding model; empty otherwise
 * @param known {@code false} when the catalog does not know the model and assumes it supports everything
 * @param maxOutputTokens the most tokens one answer may have, as the model card gives it; 0 when not
 *        known, and then {@code maxTokens} is not checked
 * @param mediaLimits the images, documents and videos one request may carry
 * @param contextWindow the most tokens one request may hold, input and answer together, as the model card gives
 *        it; 0 when not known, and then the input's size is not checked
 */
public record ModelInfo(String baseModelId, String provider, ModelFamily family, Set<Capability> capabilities,
                        List<Integer> embeddingDimensions, boolean known, int maxOutputTokens,
                        MediaLimits mediaLimits, int contextWindow) {
    /**
     * Validates and copies the components.
     *
     * @param baseModelId the model id
     * @param provider the provider
     * @param family the family
     * @param capabilities the capabilities
     * @param embeddingDimensions the embedding sizes
     * @param known whether the catalog knows the model
     * @param maxOutputTokens the longest answer in tokens, or 0 when not known
     * @param mediaLimits the media one request may carry
     * @param contextWindow the input and answer tokens one request may hold, or 0 when not known
     */
    public ModelInfo {
        Objects.requireNonNull(baseModelId, "baseModelId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(family, "family");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        embeddingDimensions = List.copyOf(embeddingDimensions);
        if (maxOutputTokens < 0) {
            throw new IllegalArgumentException("maxOutputTokens must be >= 0 (0 for not known), was " + maxOutputTokens);
        }
        Objects.requireNonNull(mediaLimits, "mediaLimits");
        if (contextWindow < 0) {
            throw new IllegalArgumentException("contextWindow must be >= 0 (0 for not known), was " + contextWindow);
        }
    }

    /**
     * Describes a model whose context window is not known.
     *
     * @param baseModelId the model id
     * @param provider the provider
     * @param family the family
     * @param capabilities the capabilities
     * @param embeddingDimensions the embedding sizes
     * @param known whether the catalog knows the model
     * @param maxOutputTokens the longest answer in tokens, or 0 when not known
     * @param mediaLimits the media one request may carry
     */
    public ModelInfo(String baseModelId, String provider, ModelFamily family, Set<Capability> capabilities,
                     List<Integer> embeddingDimensions, boolean known, int maxOutputTokens, MediaLimits mediaLimits) {
        this(baseModelId, provider, family, capabilities, embeddingDimensions, known, maxOutputTokens, mediaLimits, 0);
    }

    /**
     * Describes a model whose output limit is not known, held to the media limits of
     * {@link MediaLimits#anyModel()}.
     *
     * @param baseModelId the model id
     * @param provider the provider
     * @param family the family
     * @param capabilities the capabilities
     * @param embeddingDimensions the embedding sizes
     * @param known whether the catalog knows the model
     */
    public ModelInfo(String baseModelId, String provider, ModelFamily family, Set<Capability> capabilities,
                     List<Integer> embeddingDimensions, boolean known) {
        this(baseModelId, provider, family, capabilities, embeddingDimensions, known, 0, MediaLimits.anyModel(), 0);
    }

    /**
     * Describes a known model, such as an imported or custom one, whose output limit is not known (so
     * {@code maxTokens} is not checked) and which is held to the media limits of {@link MediaLimits#anyModel()};
     * see {@link #withMaxOutputTokens(int)} and {@link #withMediaLimits(MediaLimits)}.
     *
     * @param baseModelId the foundation model id
     * @param provider the provider
     * @param family the family
     * @param capabilities the capabilities
     * @return the description
     */
    public static ModelInfo of(String baseModelId, String provider, ModelFamily family, Set<Capability> capabilities) {
        return new ModelInfo(baseModelId, provider, family, capabilities, List.of(), true);
    }

    /**
     * This description with the longest answer the model writes; pre-flight then rejects a larger
     * {@code maxTokens}.
     *
     * @param maxOutputTokens the most output tokens per answer, or 0 when not known
     * @return a copy
     */
    public ModelInfo withMaxOutputTokens(int maxOutputTokens) {
        return new ModelInfo(baseModelId, provider, family, capabilities, embeddingDimensions, known, maxOutputTokens,
                mediaLimits, contextWindow);
    }

    /**
     * This description with the model's context window, the most tokens one request may hold, input and answer
     * together; pre-flight then rejects a chat request whose input, with its {@code maxTokens}, does not fit
     * (counted exactly where the model supports {@link Capability#COUNT_TOKENS}).
     *
     * @param contextWindow the input and answer tokens one request may hold, or 0 when not known
     * @return a copy
     */
    public ModelInfo withContextWindow(int contextWindow) {
        return new ModelInfo(baseModelId, provider, family, capabilities, embeddingDimensions, known, maxOutputTokens,
                mediaLimits, contextWindow);
    }

    /**
     * This description with other media limits.
     *
     * @param mediaLimits the images, documents and videos one request may carry
     * @return a copy
     */
    public ModelInfo withMediaLimits(MediaLimits mediaLimits) {
        return new ModelInfo(baseModelId, provider, family, capabilities, embeddingDimensions, known, maxOutputTokens,
                mediaLimits, contextWindow);
    }

    /**
     * Whether the model supports a capability. An unknown model is assumed to support everything, so
     * that new models work before the catalog knows them.
     *
     * @param capability the capability
     * @return {@code true} if supported or unknown
     */
    public boolean supports(Capability capability) {
        return !known || capabilities.contains(capability);
    }

    /**
     * The default embedding size.
     *
     * @return the first listed dimension, or 0 for models that do not embed
     */
    public int defaultEmbeddingDimension() {
        return embeddingDimensions.isEmpty() ? 0 : embeddingDimensions.get(0);
    }
}
