package dev.bedrock4j.core.catalog;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the catalog knows about a model: its provider, native body family, capabilities and, for
 * embedding models, the vector sizes it produces.
 *
 * <pre>{@code
 * ModelInfo info = ModelCatalog.defaults().lookup("us.anthropic.claude-3-5-haiku-20241022-v1:0");
 * info.baseModelId();                      // "anthropic.claude-3-5-haiku-20241022-v1:0"
 * info.supports(Capability.TOOLS);         // true
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
 */
public record ModelInfo(String baseModelId, String provider, ModelFamily family, Set<Capability> capabilities,
                        List<Integer> embeddingDimensions, boolean known) {
    /**
     * Validates and copies the components.
     *
     * @param baseModelId the model id
     * @param provider the provider
     * @param family the family
     * @param capabilities the capabilities
     * @param embeddingDimensions the embedding sizes
     * @param known whether the catalog knows the model
     */
    public ModelInfo {
        Objects.requireNonNull(baseModelId, "baseModelId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(family, "family");
        capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
        embeddingDimensions = List.copyOf(embeddingDimensions);
    }

    /**
     * Describes a known model.
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
