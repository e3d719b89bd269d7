package dev.bedrock4j.core.catalog;

import static dev.bedrock4j.core.catalog.Capability.CHAT;
import static dev.bedrock4j.core.catalog.Capability.CITATIONS;
import static dev.bedrock4j.core.catalog.Capability.DOCUMENTS;
import static dev.bedrock4j.core.catalog.Capability.EMBEDDINGS;
import static dev.bedrock4j.core.catalog.Capability.IMAGES;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models Bedrock4j knows, with what each supports. {@link #lookup(String)} accepts what users
 * actually pass: foundation model ids, cross-region inference profile ids ({@code us.}, {@code eu.},
 * {@code apac.}, {@code global.}, ...), and ARNs of foundation models, inference profiles and custom
 * models, all resolved to their base model. An id the catalog does not know still works: it is
 * assumed to support everything, so new models need no library upgrade.
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
            case "cohere" -> id.contains("embed") ? ModelFamily.COHERE_EMBED : ModelFamily.COHERE_COMMAND;
            case "amazon" -> id.contains("nova") ? ModelFamily.AMAZON_NOVA
                    : id.contains("embed") ? ModelFamily.AMAZON_TITAN_EMBED : ModelFamily.AMAZON_TITAN_TEXT;
            default -> ModelFamily.UNKNOWN;
        };
        return new ModelInfo(id, provider, family, EnumSet.allOf(Capability.class), List.of(), false);
    }

    private static Map<String, ModelInfo> defaultModels() {
        List<ModelInfo> all = new ArrayList<>();
        Set<Capability> claude3 = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, STREAMING_TOOLS, IMAGES, DOCUMENTS);
        Set<Capability> claudeCached = plus(claude3, PROMPT_CACHING, CITATIONS);
        Set<Capability> claudeReasoning = plus(claudeCached, REASONING);
        for (String id : List.of("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-sonnet-20240229-v1:0",
                "anthropic.claude-3-opus-20240229-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0")) {
            all.add(ModelInfo.of(id, "Anthropic", ModelFamily.ANTHROPIC_CLAUDE, claude3));
        }
        all.add(ModelInfo.of("anthropic.claude-3-5-haiku-20241022-v1:0", "Anthropic", ModelFamily.ANTHROPIC_CLAUDE,
                minus(claudeCached, IMAGES)));
        all.add(ModelInfo.of("anthropic.claude-3-5-sonnet-20241022-v2:0", "Anthropic", ModelFamily.ANTHROPIC_CLAUDE,
                claudeCached));
        for (String id : List.of("anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0",
                "anthropic.claude-opus-4-20250514-v1:0", "anthropic.claude-opus-4-1-20250805-v1:0",
                "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0",
                "anthropic.claude-opus-4-5-20251101-v1:0")) {
            all.add(ModelInfo.of(id, "Anthropic", ModelFamily.ANTHROPIC_CLAUDE, claudeReasoning));
        }

        Set<Capability> novaText = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, STREAMING_TOOLS, PROMPT_CACHING);
        all.add(ModelInfo.of("amazon.nova-micro-v1:0", "Amazon", ModelFamily.AMAZON_NOVA, novaText));
        for (String id : List.of("amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0", "amazon.nova-premier-v1:0")) {
            all.add(ModelInfo.of(id, "Amazon", ModelFamily.AMAZON_NOVA, plus(novaText, IMAGES, DOCUMENTS, VIDEO)));
        }
        all.add(ModelInfo.of("amazon.nova-2-lite-v1:0", "Amazon", ModelFamily.AMAZON_NOVA,
                plus(novaText, IMAGES, DOCUMENTS, VIDEO, REASONING)));

        Set<Capability> titanText = EnumSet.of(CHAT, STREAMING, DOCUMENTS);
        for (String id : List.of("amazon.titan-text-express-v1", "amazon.titan-text-lite-v1",
                "amazon.titan-text-premier-v1:0")) {
            all.add(ModelInfo.of(id, "Amazon", ModelFamily.AMAZON_TITAN_TEXT, titanText));
        }
        all.add(embedding("amazon.titan-embed-text-v1", "Amazon", ModelFamily.AMAZON_TITAN_EMBED, List.of(1536)));
        all.add(embedding("amazon.titan-embed-text-v2:0", "Amazon", ModelFamily.AMAZON_TITAN_EMBED,
                List.of(1024, 512, 256)));
        all.add(embedding("amazon.titan-embed-image-v1", "Amazon", ModelFamily.AMAZON_TITAN_EMBED,
                List.of(1024, 384, 256)));

        Set<Capability> llama = EnumSet.of(CHAT, SYSTEM_PROMPT, STREAMING, DOCUMENTS);
        Set<Capability> llamaTools = plus(llama, TOOLS);
        for (String id : List.of("meta.llama3-8b-instruct-v1:0", "meta.llama3-70b-instruct-v1:0",
                "meta.llama3-2-1b-instruct-v1:0", "meta.llama3-2-3b-instruct-v1:0")) {
            all.add(ModelInfo.of(id, "Meta", ModelFamily.META_LLAMA, llama));
        }
        for (String id : List.of("meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0",
                "meta.llama3-1-405b-instruct-v1:0", "meta.llama3-3-70b-instruct-v1:0")) {
            all.add(ModelInfo.of(id, "Meta", ModelFamily.META_LLAMA, llamaTools));
        }
        for (String id : List.of("meta.llama3-2-11b-instruct-v1:0", "meta.llama3-2-90b-instruct-v1:0",
                "meta.llama4-scout-17b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0")) {
            all.add(ModelInfo.of(id, "Meta", ModelFamily.META_LLAMA, plus(llamaTools, IMAGES)));
        }

        Set<Capability> mistralBasic = EnumSet.of(CHAT, STREAMING, DOCUMENTS);
        all.add(ModelInfo.of("mistral.mistral-7b-instruct-v0:2", "Mistral AI", ModelFamily.MISTRAL, mistralBasic));
        all.add(ModelInfo.of("mistral.mixtral-8x7b-instruct-v0:1", "Mistral AI", ModelFamily.MISTRAL, mistralBasic));
        Set<Capability> mistralTools = plus(mistralBasic, SYSTEM_PROMPT, TOOLS);
        for (String id : List.of("mistral.mistral-large-2402-v1:0", "mistral.mistral-large-2407-v1:0",
                "mistral.mistral-small-2402-v1:0")) {
            all.add(ModelInfo.of(id, "Mistral AI", ModelFamily.MISTRAL, mistralTools));
        }
        all.add(ModelInfo.of("mistral.pixtral-large-2502-v1:0", "Mistral AI", ModelFamily.MISTRAL,
                plus(mistralTools, IMAGES, STREAMING_TOOLS)));

        all.add(ModelInfo.of("cohere.command-text-v14", "Cohere", ModelFamily.COHERE_COMMAND,
                EnumSet.of(CHAT, STREAMING, DOCUMENTS)));
        all.add(ModelInfo.of("cohere.command-light-text-v14", "Cohere", ModelFamily.COHERE_COMMAND,
                EnumSet.of(CHAT, STREAMING, DOCUMENTS)));
        Set<Capability> commandR = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, DOCUMENTS);
        all.add(ModelInfo.of("cohere.command-r-v1:0", "Cohere", ModelFamily.COHERE_COMMAND, commandR));
        all.add(ModelInfo.of("cohere.command-r-plus-v1:0", "Cohere", ModelFamily.COHERE_COMMAND, commandR));
        all.add(embedding("cohere.embed-english-v3", "Cohere", ModelFamily.COHERE_EMBED, List.of(1024)));
        all.add(embedding("cohere.embed-multilingual-v3", "Cohere", ModelFamily.COHERE_EMBED, List.of(1024)));
        all.add(embedding("cohere.embed-v4:0", "Cohere", ModelFamily.COHERE_EMBED, List.of(1536, 1024, 512, 256)));

        Set<Capability> jamba = EnumSet.of(CHAT, SYSTEM_PROMPT, TOOLS, STREAMING, DOCUMENTS);
        all.add(ModelInfo.of("ai21.jamba-1-5-mini-v1:0", "AI21 Labs", ModelFamily.AI21_JAMBA, jamba));
        all.add(ModelInfo.of("ai21.jamba-1-5-large-v1:0", "AI21 Labs", ModelFamily.AI21_JAMBA, jamba));
        all.add(ModelInfo.of("deepseek.r1-v1:0", "DeepSeek", ModelFamily.DEEPSEEK,
                EnumSet.of(CHAT, SYSTEM_PROMPT, STREAMING, DOCUMENTS, REASONING)));

        Map<String, ModelInfo> byId = new LinkedHashMap<>();
        for (ModelInfo model : all) {
            byId.put(model.baseModelId(), model);
        }
        return byId;
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
