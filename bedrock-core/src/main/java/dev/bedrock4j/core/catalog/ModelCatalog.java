package dev.bedrock4j.core.catalog;

import static dev.bedrock4j.core.catalog.Capability.CHAT;
import static dev.bedrock4j.core.catalog.Capability.CITATIONS;
import static dev.bedrock4j.core.catalog.Capability.COUNT_TOKENS;
import static dev.bedrock4j.core.catalog.Capability.DOCUMENTS;
import static dev.bedrock4j.core.catalog.Capability.EMBEDDINGS;
import static dev.bedrock4j.core.catalog.Capability.IMAGES;
import static dev.bedrock4j.core.catalog.Capability.IMAGE_GENERATION;
import static dev.bedrock4j.core.catalog.Capability.PROMPT_CACHING;
import static dev.bedrock4j.core.catalog.Capability.REASONING;
import static dev.bedrock4j.core.catalog.Capability.STREAMING;
import static dev.bedrock4j.core.catalog.Capability.STREAMING_TOOLS;
import static dev.bedrock4j.core.catalog.Capability.SYSTEM_PROMPT;
import static dev.bedrock4j.core.catalog.Capability.TOOLS;
import static dev.bedrock4j.core.catalog.Capability.VIDEO;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models Bedrock4j knows, with what each supports. {@link #lookup(String)} accepts what users
 * actually pass: foundation model ids, cross-region inference profile ids ({@code us.}, {@code eu.},
 * {@code apac.}, {@code global.}, ...), and ARNs of foundation models, inference profiles and custom
 * models, all resolved to their base model. An id the catalog does not know still works: it is
 * assumed to support everything, with no output limit and only the media limits Bedrock documents for
 * every model, so new models need no library upgrade; {@link #suggest(String)} names the known id it
 * was likely meant to be, for error messages.
 *
 * <pre>{@code
 * ModelCatalog catalog = ModelCatalog.defaults()
 *         .withAlias("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
 *                    "anthropic.claude-3-haiku-20240307-v1:0");
 * catalog.lookup("eu.anthropic.claude-3-7-sonnet-20250219-v1:0").supports(Capability.REASONING); // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ModelCatalog {
    private static final Pattern ARN = Pattern.compile("^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:([a-z-]+)/(.+)$");
    private static final Set<String> GEO_PREFIXES = Set.of("us", "eu", "apac", "global", "us-gov", "jp", "au", "ca", "ap");
    /** The context window of every Claude model the catalog knows, input and answer together. */
    private static final int CLAUDE_WINDOW = 200_000;
    private static final ModelCatalog DEFAULTS = new ModelCatalog(defaultModels(), Map.of());

    private final Map<String, ModelInfo> models;
    private final Map<String, String> aliases;

    private ModelCatalog(Map<String, ModelInfo> models, Map<String, String> aliases) {
        this.models = Map.copyOf(models);
        this.aliases = Map.copyOf(aliases);
    }

    /**
     * The built-in catalog.
     *
     * @return the catalog
     */
    public static ModelCatalog defaults() {
        return DEFAULTS;
    }

    /**
     * A catalog that also knows this model, replacing an entry with the same id.
     *
     * @param model the model
     * @return a new catalog
     */
    public ModelCatalog withModel(ModelInfo model) {
        Map<String, ModelInfo> copy = new LinkedHashMap<>(models);
        copy.put(model.baseModelId(), model);
        return new ModelCatalog(copy, aliases);
    }

    /**
     * A catalog in which an id or ARN that names no base model (a provisioned model, an application
     * inference profile, an imported model) resolves to the given base model.
     *
     * @param idOrArn the id or ARN users pass
     * @param baseModelId the foundation model it runs
     * @return a new catalog
     */
    public ModelCatalog withAlias(String idOrArn, String baseModelId) {
        Map<String, String> copy = new LinkedHashMap<>(aliases);
        copy.put(Objects.requireNonNull(idOrArn, "idOrArn"), Objects.requireNonNull(baseModelId, "baseModelId"));
        return new ModelCatalog(models, copy);
    }

    /**
     * Every model the catalog knows.
     *
     * @return the models
     */
    public Collection<ModelInfo> models() {
        return models.values();
    }

    /**
     * Resolves an id, inference profile id or ARN to what the catalog knows about its base model.
     *
     * @param modelId what the user passes as the model
     * @return the model's description; for an unknown id, a permissive description with {@code known() == false}
     */
    public ModelInfo lookup(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        String alias = aliases.get(modelId);
        if (alias != null) {
            return lookup(alias);
        }
        String id = modelId;
        Matcher arn = ARN.matcher(id);
        if (arn.matches()) {
            String kind = arn.group(1);
            String rest = arn.group(2);
            if (kind.equals("custom-model")) {
                int slash = rest.lastIndexOf('/');
                id = slash > 0 ? rest.substring(0, slash) : rest;
            } else {
                id = rest;
            }
        }
        ModelInfo found = find(id);
        if (found == null) {
            int dot = id.indexOf('.');
            if (dot > 0 && GEO_PREFIXES.contains(id.substring(0, dot))) {
                found = find(id.substring(dot + 1));
            }
        }
        return found != null ? found : unknown(id);
    }

    /**
     * The known id an unknown id was most likely meant to be: one the catalog knows (with the inference
     * profile prefix typed, if any: {@code us.}, {@code eu.}, {@code apac.}, {@code global.}, ...) that
     * differs from it only in letter case, surrounding whitespace, a missing provider prefix or version
     * suffix, or by a few characters (edit distance at most 1, 2 or 3 for ids of up to 15, up to 29, and
     * more characters). Known ids, aliases and ARNs have no suggestion; nor do ids far from every known one.
     *
     * <p>A suggestion is a hint, not a verdict: an id close to a known one may still be a new model this
     * catalog does not know yet. The library attaches it to Bedrock's "The provided model identifier is
     * invalid." error, and only rejects an id before sending it when it differs from a known id in letter
     * case or whitespace alone.
     *
     * <pre>{@code
     * ModelCatalog.defaults().suggest("anthropic.claude-3-haiku-20240307-v1");     // Optional[anthropic.claude-3-haiku-20240307-v1:0]
     * ModelCatalog.defaults().suggest("us.anthropic.claude-3-haiku-2024307-v1:0");  // Optional[us.anthropic.claude-3-haiku-20240307-v1:0]
     * ModelCatalog.defaults().suggest("acme.custom-model-v1");                     // Optional.empty
     * }</pre>
     *
     * @param modelId what the user passed as the model
     * @return the likely intended id, or empty
     */
    public Optional<String> suggest(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        if (aliases.containsKey(modelId) || ARN.matcher(modelId.strip()).matches() || lookup(modelId).known()) {
            return Optional.empty();
        }
        String typed = modelId.strip().toLowerCase(Locale.ROOT);
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        int limit = typed.length() >= 30 ? 3 : typed.length() >= 16 ? 2 : 1;
        // Scores: the same id but for case or whitespace 0, a missing suffix or provider 1, d edits 2d.
        String best = null;
        int bestScore = 2 * limit + 1;
        for (String candidate : suggestionCandidates()) {
            int score;
            if (candidate.equals(typed)) {
                score = 0;
            } else if (candidate.startsWith(typed + "-v") || candidate.startsWith(typed + ":")
                    || (typed.indexOf('.') < 0 && candidate.endsWith("." + typed))) {
                score = 1;
            } else {
                score = 2 * EditDistance.atMost(typed, candidate, limit);
            }
            if (score < bestScore || (score == bestScore && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    // The known ids, bare and behind each inference profile prefix.
    private List<String> suggestionCandidates() {
        List<String> candidates = new ArrayList<>(models.keySet());
        for (String prefix : GEO_PREFIXES) {
            for (String id : models.keySet()) {
                candidates.add(prefix + "." + id);
            }
        }
        return candidates;
    }

    private ModelInfo find(String id) {
        ModelInfo exact = models.get(id);
        if (exact != null) {
            return exact;
        }
        // context-window variants such as "amazon.titan-text-express-v1:0:8k" or "...-v1:0:200k"
        int first = id.indexOf(':');
        int second = first < 0 ? -1 : id.indexOf(':', first + 1);
        if (second > 0) {
            ModelInfo base = models.get(id.substring(0, second));
            if (base != null) {
                return base;
            }
        }
        if (first > 0 && models.containsKey(id.substring(0, first))) {
            return models.get(id.substring(0, first));
        }
        return null;
    }

    private static ModelInfo unknown(String id) {
        String provider = id.contains(".") ? id.substring(0, id.indexOf('.')) : "unknown";
        ModelFamily family = switch (provider) {
            case "anthropic" -> ModelFamily.ANTHROPIC_CLAUDE;
            case "meta" -> ModelFamily.META_LLAMA;
            case "mistral" -> ModelFamily.MISTRAL;
            case "ai21" -> ModelFamily.AI21_JAMBA;
            case "deepseek" -> ModelFamily.DEEPSEEK;
            case "openai" -> ModelFamily.OPENAI_GPT_OSS;
            case "stability" -> ModelFamily.STABILITY_IMAGE;
            case "cohere" -> id.contains("embed") ? ModelFamily.COHERE_EMBED : ModelFamily.COHERE_COMMAND;
            case "amazon" -> id.contains("image-generator") || id.contains("canvas") ? ModelFamily.AMAZON_IMAGE
                    : id.contains("nova") ? ModelFamily.AMAZON_NOVA
                    : id.contains("embed") ? ModelFamily.AMAZON_TITAN_EMBED : ModelFamily.AMAZON_TITAN_TEXT;
            default -> ModelFamily.UNKNOWN;
        };
        return new ModelInfo(id, provider, family, EnumSet.allOf(Capability.class), List.of(), false);
    }

    // Output limits come from the model cards: Anthropic's models overview and per-model pages
    // (https://docs.anthropic.com/en/docs/about-claude/models/overview), the Bedrock parameter pages for
    // Titan Text (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html) and
    // Mistral (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html).
    // Models whose limit no such page gives have none (0), and maxTokens is not checked for them.
    // Context windows (input and answer together) come from the same kind of page: Anthropic's context windows
    // page (https://docs.anthropic.com/en/docs/build-with-claude/context-windows: 200k tokens; the 1M window of some
    // Claude 4 models is a beta turned on through anthropic_beta, which skips the check) and the Bedrock model cards
    // (https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-anthropic-claude-haiku-4-5.html: 200K;
    // .../model-card-amazon-nova-lite.html: 300K; .../model-card-meta-llama-3-1-405b-instruct.html: 128K, with Meta's
    // Llama 3.1 model card, https://www.llama.com/docs/model-cards-and-prompt-formats/llama3_1/, giving 128K for every
    // Llama 3.1 size; .../model-card-mistral-ai-mistral-7b-instruct.html: 32K; .../model-card-mistral-ai-pixtral-large.html:
    // 128K) and the Titan Text page (https://docs.aws.amazon.com/bedrock/latest/userguide/titan-text-models.html: Premier
    // a 32K context window, Express 8K and Lite 4K tokens). A "K" of these pages is read as 1,024 tokens, the larger
    // reading, so that the check never refuses what the model takes; Claude's 200K is 200,000 (Anthropic's "prompt is
    // too long: N tokens > 200000 maximum"). Models without such a figure have none (0), and the size of their input is
    // not checked.
    // Media limits: see MediaLimits; Claude 4 and later take PDFs of any size and Nova PDFs and DOCX
    // (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-api-restrictions.html); Nova takes
    // images within its 25 MB payload, up to 8,000 px a side, and one video
    // (https://docs.aws.amazon.com/nova/latest/userguide/modalities-image.html, .../prompting-video-understanding.html).
    private static Map<String, ModelInfo> defaultModels() {
        List<ModelInfo> all = new ArrayList<>();
        MediaLimits converse = MediaLimits.converse();
        MediaLimits claude4 = converse.withoutDocumentSizeLimitFor("pdf");
        MediaLimits nova = converse.withImages(MediaLimits.UNLIMITED, MediaLimits.INLINE_25_MB, 8000)
                .withoutDocumentSizeLimitFor("pdf", "docx").withVideos(1, MediaLimits.INLINE_25_MB);
        Set<Capability> claude3 = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, STREAMING_TOOLS, IMAGES, DOCUMENTS,
                COUNT_TOKENS);
        Set<Capability> claudeCached = plus(claude3, PROMPT_CACHING, CITATIONS);
        Set<Capability> claudeReasoning = plus(claudeCached, REASONING);
        for (String id : List.of("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-sonnet-20240229-v1:0",
                "anthropic.claude-3-opus-20240229-v1:0")) {
            all.add(chat(id, "Anthropic", ModelFamily.ANTHROPIC_CLAUDE, claude3, 4096, CLAUDE_WINDOW, converse));
        }
        all.add(chat("anthropic.claude-3-5-sonnet-20240620-v1:0", "Anthropic", ModelFamily.ANTHROPIC_CLAUDE, claude3,
                8192, CLAUDE_WINDOW, converse));
        all.add(chat("anthropic.claude-3-5-haiku-20241022-v1:0", "Anthropic", ModelFamily.ANTHROPIC_CLAUDE,
                minus(claudeCached, IMAGES), 8192, CLAUDE_WINDOW, converse));
        all.add(chat("anthropic.claude-3-5-sonnet-20241022-v2:0", "Anthropic", ModelFamily.ANTHROPIC_CLAUDE,
                claudeCached, 8192, CLAUDE_WINDOW, converse));
        all.add(chat("anthropic.claude-3-7-sonnet-20250219-v1:0", "Anthropic", ModelFamily.ANTHROPIC_CLAUDE,
                claudeReasoning, 64_000, CLAUDE_WINDOW, converse));
        for (String id : List.of("anthropic.claude-sonnet-4-20250514-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0",
                "anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-opus-4-5-20251101-v1:0")) {
            all.add(chat(id, "Anthropic", ModelFamily.ANTHROPIC_CLAUDE, claudeReasoning, 64_000, CLAUDE_WINDOW, claude4));
        }
        for (String id : List.of("anthropic.claude-opus-4-20250514-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0")) {
            all.add(chat(id, "Anthropic", ModelFamily.ANTHROPIC_CLAUDE, claudeReasoning, 32_000, CLAUDE_WINDOW, claude4));
        }

        Set<Capability> novaText = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, STREAMING_TOOLS, PROMPT_CACHING);
        all.add(chat("amazon.nova-micro-v1:0", "Amazon", ModelFamily.AMAZON_NOVA, novaText, 0, nova));
        all.add(chat("amazon.nova-lite-v1:0", "Amazon", ModelFamily.AMAZON_NOVA, plus(novaText, IMAGES, DOCUMENTS, VIDEO),
                0, 307_200, nova));
        for (String id : List.of("amazon.nova-pro-v1:0", "amazon.nova-premier-v1:0")) {
            all.add(chat(id, "Amazon", ModelFamily.AMAZON_NOVA, plus(novaText, IMAGES, DOCUMENTS, VIDEO), 0, nova));
        }
        all.add(chat("amazon.nova-2-lite-v1:0", "Amazon", ModelFamily.AMAZON_NOVA,
                plus(novaText, IMAGES, DOCUMENTS, VIDEO, REASONING), 0, nova));

        Set<Capability> titanText = EnumSet.of(CHAT, STREAMING, DOCUMENTS);
        all.add(chat("amazon.titan-text-express-v1", "Amazon", ModelFamily.AMAZON_TITAN_TEXT, titanText, 8192, 8192, converse));
        all.add(chat("amazon.titan-text-lite-v1", "Amazon", ModelFamily.AMAZON_TITAN_TEXT, titanText, 4096, 4096, converse));
        all.add(chat("amazon.titan-text-premier-v1:0", "Amazon", ModelFamily.AMAZON_TITAN_TEXT, titanText, 3072, 32_768,
                converse));
        all.add(embedding("amazon.titan-embed-text-v1", "Amazon", ModelFamily.AMAZON_TITAN_EMBED, List.of(1536)));
        all.add(embedding("amazon.titan-embed-text-v2:0", "Amazon", ModelFamily.AMAZON_TITAN_EMBED,
                List.of(1024, 512, 256)));
        all.add(embedding("amazon.titan-embed-image-v1", "Amazon", ModelFamily.AMAZON_TITAN_EMBED,
                List.of(1024, 384, 256)));

        Set<Capability> llama = EnumSet.of(CHAT, SYSTEM_PROMPT, STREAMING, DOCUMENTS);
        Set<Capability> llamaTools = plus(llama, TOOLS);
        for (String id : List.of("meta.llama3-8b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0",
                "meta.llama3-2-1b-instruct-v1:0", "meta.llama3-2-3b-instruct-v1:0")) {
            all.add(chat(id, "Meta", ModelFamily.META_LLAMA, llama, 0, converse));
        }
        for (String id : List.of("meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0",
                "meta.llama3-1-405b-instruct-v1:0")) {
            all.add(chat(id, "Meta", ModelFamily.META_LLAMA, llamaTools, 0, 131_072, converse));
        }
        all.add(chat("meta.llama3-3-70b-instruct-v1:0", "Meta", ModelFamily.META_LLAMA, llamaTools, 0, converse));
        for (String id : List.of("meta.llama3-2-11b-instruct-v1:0", "meta.llama3-2-90b-instruct-v1:0",
                "meta.llama4-scout-17b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0")) {
            all.add(chat(id, "Meta", ModelFamily.META_LLAMA, plus(llamaTools, IMAGES), 0, converse));
        }

        Set<Capability> mistralBasic = EnumSet.of(CHAT, STREAMING, DOCUMENTS);
        all.add(chat("mistral.mistral-7b-instruct-v0:2", "Mistral AI", ModelFamily.MISTRAL, mistralBasic, 8192, 32_768,
                converse));
        all.add(chat("mistral.mixtral-8x7b-instruct-v0:1", "Mistral AI", ModelFamily.MISTRAL, mistralBasic, 4096, converse));
        Set<Capability> mistralTools = plus(mistralBasic, SYSTEM_PROMPT, TOOLS);
        for (String id : List.of("mistral.mistral-large-2402-v1:0", "mistral.mistral-small-2402-v1:0")) {
            all.add(chat(id, "Mistral AI", ModelFamily.MISTRAL, mistralTools, 8192, converse));
        }
        all.add(chat("mistral.mistral-large-2407-v1:0", "Mistral AI", ModelFamily.MISTRAL, mistralTools, 0, converse));
        all.add(chat("mistral.pixtral-large-2502-v1:0", "Mistral AI", ModelFamily.MISTRAL,
                plus(mistralTools, IMAGES, STREAMING_TOOLS), 0, 131_072, converse));

        all.add(chat("cohere.command-text-v14", "Cohere", ModelFamily.COHERE_COMMAND,
                EnumSet.of(CHAT, STREAMING, DOCUMENTS), 0, converse));
        all.add(chat("cohere.command-light-text-v14", "Cohere", ModelFamily.COHERE_COMMAND,
                EnumSet.of(CHAT, STREAMING, DOCUMENTS), 0, converse));
        Set<Capability> commandR = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, DOCUMENTS);
        all.add(chat("cohere.command-r-v1:0", "Cohere", ModelFamily.COHERE_COMMAND, commandR, 0, converse));
        all.add(chat("cohere.command-r-plus-v1:0", "Cohere", ModelFamily.COHERE_COMMAND, commandR, 0, converse));
        all.add(embedding("cohere.embed-english-v3", "Cohere", ModelFamily.COHERE_EMBED, List.of(1024)));
        all.add(embedding("cohere.embed-multilingual-v3", "Cohere", ModelFamily.COHERE_EMBED, List.of(1024)));
        all.add(embedding("cohere.embed-v4:0", "Cohere", ModelFamily.COHERE_EMBED, List.of(1536, 1024, 512, 256)));

        Set<Capability> jamba = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, DOCUMENTS);
        all.add(chat("ai21.jamba-1-5-mini-v1:0", "AI21 Labs", ModelFamily.AI21_JAMBA, jamba, 0, converse));
        all.add(chat("ai21.jamba-1-5-large-v1:0", "AI21 Labs", ModelFamily.AI21_JAMBA, jamba, 0, converse));
        all.add(chat("deepseek.r1-v1:0", "DeepSeek", ModelFamily.DEEPSEEK,
                EnumSet.of(CHAT, SYSTEM_PROMPT, STREAMING, DOCUMENTS, REASONING), 0, converse));
        // https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html: text in, text out
        for (String id : List.of("openai.gpt-oss-20b-1:0", "openai.gpt-oss-120b-1:0")) {
            all.add(chat(id, "OpenAI", ModelFamily.OPENAI_GPT_OSS,
                    EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, REASONING), 0, converse));
        }

        // Image generation: native InvokeModel bodies only (model-parameters-titan-image.html, Nova Canvas's
        // image-gen-req-resp-structure.html, model-parameters-diffusion-*.html)
        for (String id : List.of("amazon.titan-image-generator-v1", "amazon.titan-image-generator-v2:0",
                "amazon.nova-canvas-v1:0")) {
            all.add(imageGeneration(id, "Amazon", ModelFamily.AMAZON_IMAGE));
        }
        for (String id : List.of("stability.sd3-large-v1:0", "stability.sd3-5-large-v1:0",
                "stability.stable-image-core-v1:0", "stability.stable-image-core-v1:1",
                "stability.stable-image-ultra-v1:0", "stability.stable-image-ultra-v1:1")) {
            all.add(imageGeneration(id, "Stability AI", ModelFamily.STABILITY_IMAGE));
        }

        Map<String, ModelInfo> byId = new LinkedHashMap<>();
        for (ModelInfo model : all) {
            byId.put(model.baseModelId(), model);
        }
        return byId;
    }

    private static ModelInfo chat(String id, String provider, ModelFamily family, Set<Capability> capabilities,
                                  int maxOutputTokens, MediaLimits limits) {
        return chat(id, provider, family, capabilities, maxOutputTokens, 0, limits);
    }

    private static ModelInfo chat(String id, String provider, ModelFamily family, Set<Capability> capabilities,
                                  int maxOutputTokens, int contextWindow, MediaLimits limits) {
        return ModelInfo.of(id, provider, family, capabilities).withMaxOutputTokens(maxOutputTokens).withMediaLimits(limits)
                .withContextWindow(contextWindow);
    }

    private static ModelInfo imageGeneration(String id, String provider, ModelFamily family) {
        return new ModelInfo(id, provider, family, EnumSet.of(IMAGE_GENERATION), List.of(), true);
    }

    private static ModelInfo embedding(String id, String provider, ModelFamily family, List<Integer> dimensions) {
        return new ModelInfo(id, provider, family, EnumSet.of(EMBEDDINGS), dimensions, true);
    }

    private static Set<Capability> plus(Set<Capability> base, Capability... more) {
        EnumSet<Capability> set = EnumSet.copyOf(base);
        set.addAll(List.of(more));
        return set;
    }

    private static Set<Capability> minus(Set<Capability> base, Capability less) {
        EnumSet<Capability> set = EnumSet.copyOf(base);
        set.remove(less);
        return set;
    }
}
