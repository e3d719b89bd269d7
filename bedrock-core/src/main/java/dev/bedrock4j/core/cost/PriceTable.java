package dev.bedrock4j.core.cost;

import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.tokens.TokenCounter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices per model, used to estimate what calls cost. Inference profile ids ({@code us.}, {@code eu.}, ...)
 * and ARNs are priced as their base model. The built-in table holds on-demand list prices in US East
 * (N. Virginia) for common models; override any of them for your region or contract.
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.defaults()
 *         .with("anthropic.claude-3-haiku-20240307-v1:0", ModelPrice.perThousand("0.00025", "0.00125"));
 * BigDecimal usd = prices.cost("us.anthropic.claude-3-haiku-20240307-v1:0", response.usage()).orElse(BigDecimal.ZERO);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PriceTable {
    private static final PriceTable DEFAULTS = new PriceTable(defaultPrices(), ModelCatalog.defaults());

    private final Map<String, ModelPrice> prices;
    private final ModelCatalog catalog;

    private PriceTable(Map<String, ModelPrice> prices, ModelCatalog catalog) {
        this.prices = Map.copyOf(prices);
        this.catalog = catalog;
    }

    /**
     * The built-in prices.
     *
     * @return the table
     */
    public static PriceTable defaults() {
        return DEFAULTS;
    }

    /**
     * An empty table, for users who bring every price.
     *
     * @return the table
     */
    public static PriceTable empty() {
        return new PriceTable(Map.of(), ModelCatalog.defaults());
    }

    /**
     * A table with a price set or replaced.
     *
     * @param modelId a base model id (profile ids and ARNs resolve to it)
     * @param price the price
     * @return a new table
     */
    public PriceTable with(String modelId, ModelPrice price) {
        Map<String, ModelPrice> copy = new LinkedHashMap<>(prices);
        copy.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(price, "price"));
        return new PriceTable(copy, catalog);
    }

    /**
     * A table that resolves model ids with another catalog, for example one with aliases for
     * provisioned models.
     *
     * @param catalog the catalog
     * @return a new table
     */
    public PriceTable withCatalog(ModelCatalog catalog) {
        return new PriceTable(prices, Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * The price of a model.
     *
     * @param modelId a model id, inference profile id or ARN
     * @return the price, or empty when the table has none
     */
    public Optional<ModelPrice> price(String modelId) {
        ModelPrice exact = prices.get(modelId);
        if (exact != null) {
            return Optional.of(exact);
        }
        return Optional.ofNullable(prices.get(catalog.lookup(modelId).baseModelId()));
    }

    /**
     * The estimated cost of a call.
     *
     * @param modelId a model id, inference profile id or ARN
     * @param usage the tokens used
     * @return dollars, or empty when the model has no price
     */
    public Optional<BigDecimal> cost(String modelId, Usage usage) {
        return price(modelId).map(p -> p.cost(usage));
    }

    /**
     * The estimated cost of a request before it is sent: its input tokens as a counter counts them (exactly, with
     * {@link dev.bedrock4j.core.Bedrock#tokenCounter()} on models that support {@code CountTokens}) plus, at most,
     * its {@code maxTokens} of output.
     *
     * <pre>{@code
     * Optional<BigDecimal> atMost = PriceTable.defaults().estimate(modelId, request, bedrock.tokenCounter());
     * }</pre>
     *
     * @param modelId a model id, inference profile id or ARN
     * @param request the request
     * @param counter counts its input tokens
     * @return dollars, or empty when the model has no price (nothing is counted then)
     */
    public Optional<BigDecimal> estimate(String modelId, ChatRequest request, TokenCounter counter) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(counter, "counter");
        return price(modelId).map(p -> p.cost(Usage.of(counter.inputTokens(modelId, request),
                request.maxTokens().orElse(0))));
    }

    private static Map<String, ModelPrice> defaultPrices() {
        Map<String, ModelPrice> p = new LinkedHashMap<>();
        p.put("anthropic.claude-3-haiku-20240307-v1:0", ModelPrice.perThousand("0.00025", "0.00125"));
        p.put("anthropic.claude-3-5-haiku-20241022-v1:0", ModelPrice.perThousand("0.0008", "0.004").withCache("0.00008", "0.001"));
        p.put("anthropic.claude-haiku-4-5-20251001-v1:0", ModelPrice.perThousand("0.001", "0.005").withCache("0.0001", "0.00125"));
        ModelPrice sonnet = ModelPrice.perThousand("0.003", "0.015").withCache("0.0003", "0.00375");
        for (String id : new String[] {"anthropic.claude-3-sonnet-20240229-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0",
            "anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-7-sonnet-20250219-v1:0",
            "anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0"}) {
            p.put(id, sonnet);
        }
        ModelPrice opus = ModelPrice.perThousand("0.015", "0.075").withCache("0.0015", "0.01875");
        for (String id : new String[] {"anthropic.claude-3-opus-20240229-v1:0", "anthropic.claude-opus-4-20250514-v1:0",
            "anthropic.claude-opus-4-1-20250805-v1:0"}) {
            p.put(id, opus);
        }
        p.put("anthropic.claude-opus-4-5-20251101-v1:0", ModelPrice.perThousand("0.005", "0.025").withCache("0.0005", "0.00625"));
        p.put("amazon.nova-micro-v1:0", ModelPrice.perThousand("0.000035", "0.00014").withCache("0.00000875", "0.000035"));
        p.put("amazon.nova-lite-v1:0", ModelPrice.perThousand("0.00006", "0.00024").withCache("0.000015", "0.00006"));
        p.put("amazon.nova-pro-v1:0", ModelPrice.perThousand("0.0008", "0.0032").withCache("0.0002", "0.0008"));
        p.put("amazon.nova-premier-v1:0", ModelPrice.perThousand("0.0025", "0.0125"));
        p.put("amazon.titan-text-express-v1", ModelPrice.perThousand("0.0002", "0.0006"));
        p.put("amazon.titan-text-lite-v1", ModelPrice.perThousand("0.00015", "0.0002"));
        p.put("amazon.titan-text-premier-v1:0", ModelPrice.perThousand("0.0005", "0.0015"));
        p.put("amazon.titan-embed-text-v1", ModelPrice.perThousand("0.0001", "0"));
        p.put("amazon.titan-embed-text-v2:0", ModelPrice.perThousand("0.00002", "0"));
        p.put("meta.llama3-8b-instruct-v1:0", ModelPrice.perThousand("0.0003", "0.0006"));
        p.put("meta.llama3-70b-instruct-v1:0", ModelPrice.perThousand("0.00265", "0.0035"));
        p.put("meta.llama3-1-8b-instruct-v1:0", ModelPrice.perThousand("0.00022", "0.00022"));
        p.put("meta.llama3-1-70b-instruct-v1:0", ModelPrice.perThousand("0.00072", "0.00072"));
        p.put("meta.llama3-1-405b-instruct-v1:0", ModelPrice.perThousand("0.0024", "0.0024"));
        p.put("meta.llama3-3-70b-instruct-v1:0", ModelPrice.perThousand("0.00072", "0.00072"));
        p.put("mistral.mistral-7b-instruct-v0:2", ModelPrice.perThousand("0.00015", "0.0002"));
        p.put("mistral.mixtral-8x7b-instruct-v0:1", ModelPrice.perThousand("0.00045", "0.0007"));
        p.put("mistral.mistral-large-2402-v1:0", ModelPrice.perThousand("0.004", "0.012"));
        p.put("mistral.mistral-large-2407-v1:0", ModelPrice.perThousand("0.002", "0.006"));
        p.put("mistral.mistral-small-2402-v1:0", ModelPrice.perThousand("0.001", "0.003"));
        p.put("cohere.command-r-v1:0", ModelPrice.perThousand("0.0005", "0.0015"));
        p.put("cohere.command-r-plus-v1:0", ModelPrice.perThousand("0.003", "0.015"));
        p.put("cohere.embed-english-v3", ModelPrice.perThousand("0.0001", "0"));
        p.put("cohere.embed-multilingual-v3", ModelPrice.perThousand("0.0001", "0"));
        return p;
    }
}
