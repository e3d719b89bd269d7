package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.catalog.MediaLimits;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.spi.Preflight.Rejection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks of what Bedrock itself refuses (blank text, media over the model's limits, {@code maxTokens}
 * over its output limit, malformed model ids), each paired with the message Bedrock answers, so that the
 * library's models fail before sending and the testkit's server answers as Bedrock does. Thread-safe:
 * stateless.
 *
 * <p>Where the service message comes from: "is blank", "You can't include more than 5 documents",
 * "The maximum tokens you requested exceeds the model limit", "The provided model identifier is invalid."
 * and the image size and count errors ("image exceeds 5 MB maximum", "too many images and documents")
 * are what Bedrock answers, as reported by its users; the length errors follow the service model's
 * constraints in the wording of AWS request validation; the messages for image dimensions, document and
 * video sizes and video counts are modelled on those, Bedrock's exact wording not being published.
 */
public final class ServiceChecks {
    /** Bedrock's answer to a model id it does not serve. */
    public static final String INVALID_MODEL_ID = "The provided model identifier is invalid.";
    /** The longest model id the service model allows. */
    public static final int MAX_MODEL_ID_LENGTH = 2048;
    private static final String MODEL_ERRORS = "The model returned the following errors: ";
    private static final String START_WITH_USER = "A conversation must start with a user message. Try again with a"
            + " conversation that starts with a user message.";

    private ServiceChecks() {
    }

    /** The first problem with a model id that fails before any call: blank, too long, whitespace, letter case. */
    public static Optional<Rejection> modelId(String modelId, ModelCatalog catalog) {
        if (modelId.isBlank()) {
            String service = modelId.isEmpty()
                    ? "1 validation error detected: Value '' at 'modelId' failed to satisfy constraint: Member must have length"
                            + " greater than or equal to 1"
                    : INVALID_MODEL_ID;
            return reject("modelId", "the model id is " + (modelId.isEmpty() ? "empty" : "blank") + "; pass a Bedrock"
                    + " model id such as \"anthropic.claude-3-5-haiku-20241022-v1:0\", an inference profile id such as"
                    + " \"us.anthropic.claude-3-5-haiku-20241022-v1:0\", or an ARN", service);
        }
        if (modelId.length() > MAX_MODEL_ID_LENGTH) {
            return reject("modelId", "the model id has " + modelId.length() + " characters; Bedrock accepts at most "
                    + MAX_MODEL_ID_LENGTH + ", so pass a model id, inference profile id or ARN", "1 validation error detected: Value '"
                    + modelId + "' at 'modelId' failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_MODEL_ID_LENGTH);
        }
        Optional<String> known = catalog.suggest(modelId).filter(s -> s.equalsIgnoreCase(modelId.strip()));
        if (modelId.chars().anyMatch(Character::isWhitespace)) {
            return reject("modelId", "the model id " + quote(modelId) + " has whitespace in it; Bedrock ids never do, so"
                    + " strip it (values read from files or environment variables often end in a line break)"
                    + known.map(k -> ": use \"" + k + "\"").orElse(""), INVALID_MODEL_ID);
        }
        if (known.isPresent()) {
            return reject("modelId", "the model id " + quote(modelId) + " differs from the known id \"" + known.get()
                    + "\" only in letter case; Bedrock ids are case-sensitive, so use \"" + known.get() + "\"", INVALID_MODEL_ID);
        }
        return Optional.empty();
    }

    /**
     * The hint added to Bedrock's answer that a model id is invalid, when the default catalog knows an id
     * the given one is likely a typo of; empty otherwise.
     */
    public static String modelIdHint(String message, String modelId) {
        if (message == null || !message.contains("model identifier is invalid")) {
            return "";
        }
        return ModelCatalog.defaults().suggest(modelId).map(s -> " Did you mean \"" + s + "\"?").orElse("");
    }

    /** For messages about an id the catalog does not know: the likely intended id, or nothing. */
    public static String didYouMean(String modelId) {
        return ModelCatalog.defaults().suggest(modelId).map(s -> "; or did you mean \"" + s + "\"?").orElse("");
    }

    /** The first problem Bedrock would refuse in a request's content, for a model. */
    public static Optional<Rejection> content(ChatRequest request, ModelInfo model) {
        Optional<Rejection> found = conversation(request);
        if (found.isEmpty()) {
            found = blankText(request);
        }
        if (found.isEmpty()) {
            found = media(request, model);
        }
        if (found.isEmpty()) {
            found = maxTokens(request, model);
        }
        return found;
    }

    /**
     * The first problem with the shape of a conversation that Converse refuses before any model runs: no
     * messages, a first turn that is not the user's, two turns of one role in a row, a turn without
     * content, more tool results in a turn than the previous turn made tool calls, and tool blocks without
     * tools to go with them.
     *
     * <p>Bedrock's words, as its users report them: "A conversation must start with a user message. Try
     * again with a conversation that starts with a user message." (langgenius/dify#12340,
     * elastic/kibana#246393); "A conversation must alternate between user and assistant roles. Make sure
     * the conversation alternates between user and assistant roles and try again." (langchain-ai/langchain-aws#130,
     * microsoft/semantic-kernel#10281); "The content field in the Message object at messages.1 is empty. Add a
     * ContentBlock object to the content field and try again."; "The number of toolResult blocks at
     * messages.2.content exceeds the number of toolUse blocks of previous turn." (Just-Curieous/Curie#16,
     * langgenius/dify-official-plugins#765); "The toolConfig field must be defined when using toolUse and
     * toolResult content blocks." (strands-agents reports). For an empty message list no report gives the
     * answer; with no turn at all the conversation does not start with a user message, so that is the one
     * given.
     */
    public static Optional<Rejection> conversation(ChatRequest request) {
        List<Message> messages = request.messages();
        if (messages.isEmpty()) {
            return reject("messages", "the request has no messages; add at least one user turn, e.g. prompt.user(\"...\")",
                    START_WITH_USER);
        }
        if (messages.get(0).role() != Role.USER) {
            return reject("messages[0].role", "the first turn must be the user's, not the assistant's; start with a user"
                    + " turn", START_WITH_USER);
        }
        for (int i = 1; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (messages.get(i - 1).role() == message.role()) {
                return reject("messages[" + i + "].role", "messages[" + (i - 1) + "] and messages[" + i + "] are both "
                        + message.role().wireName() + " turns; turns must alternate user/assistant, so merge their content"
                        + " into one message", "A conversation must alternate between user and assistant roles. Make sure"
                        + " the conversation alternates between user and assistant roles and try again.");
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).content().isEmpty()) {
                return reject("messages[" + i + "].content", "messages[" + i + "] has no content; give every turn at least"
                        + " one block", "The content field in the Message object at messages." + i + " is empty. Add a"
                        + " ContentBlock object to the content field and try again.");
            }
        }
        boolean toolBlocks = messages.stream().anyMatch(m -> count(m, ContentBlock.ToolResult.class) > 0
                || count(m, ContentBlock.ToolUse.class) > 0);
        if (toolBlocks && request.tools().isEmpty()) {
            return reject("tools", "the history holds tool calls or results but no tools are offered; Bedrock requires the"
                    + " tool definitions whenever tool blocks are present, so pass the same tools again", "The toolConfig"
                    + " field must be defined when using toolUse and toolResult content blocks.");
        }
        for (int i = 0; i < messages.size(); i++) {
            long results = count(messages.get(i), ContentBlock.ToolResult.class);
            long calls = i == 0 ? 0 : count(messages.get(i - 1), ContentBlock.ToolUse.class);
            if (results > calls) {
                return reject("messages[" + i + "].content", "messages[" + i + "] holds " + results + " tool result"
                        + (results == 1 ? "" : "s") + ", but " + (i == 0 ? "no turn comes before it" : "messages[" + (i - 1)
                        + "] made " + calls + " tool call" + (calls == 1 ? "" : "s")) + "; answer each tool call of the"
                        + " assistant turn before with exactly one result, and send no result without its call",
                        "The number of toolResult blocks at messages." + i + ".content exceeds the number of toolUse blocks"
                                + " of previous turn.");
            }
        }
        return Optional.empty();
    }

    private static long count(Message message, Class<? extends ContentBlock> type) {
        return message.content().stream().filter(type::isInstance).count();
    }

    static Optional<Rejection> blankText(ChatRequest request) {
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentBlock> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                if (content.get(j) instanceof ContentBlock.Text text && text.text().isBlank()) {
                    String block = "messages[" + i + "].content[" + j + "]";
                    return reject(block + ".text", block + " is " + emptyOrBlank(text.text()) + " text block; Bedrock"
                            + " rejects blank text, so put words in it or remove the block", "The text field in the"
                            + " ContentBlock object at messages." + i + ".content." + j + " is blank. Add text to the text"
                            + " field, and try again.");
                }
            }
        }
        for (int j = 0; j < request.system().size(); j++) {
            if (request.system().get(j) instanceof ContentBlock.Text text && text.text().isBlank()) {
                String service = text.text().isEmpty()
                        ? "1 validation error detected: Value '' at 'system." + (j + 1) + ".member.text' failed to satisfy"
                                + " constraint: Member must have length greater than or equal to 1"
                        : MODEL_ERRORS + "system: text content blocks must contain non-whitespace text";
                return reject("system[" + j + "].text", "system[" + j + "] is " + emptyOrBlank(text.text())
                        + " system prompt; Bedrock rejects blank text, so pass the instructions or leave the system prompt out",
                        service);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the request turns on Anthropic beta features (through {@code additionalModelRequestFields}), which can
     * raise the model's limits: its output limit, and its context window (the 1M-token window of some Claude models).
     */
    static boolean hasAnthropicBeta(ChatRequest request) {
        return request.additionalModelRequestFields().map(fields -> fields.has("anthropic_beta")).orElse(false);
    }

    static Optional<Rejection> maxTokens(ChatRequest request, ModelInfo model) {
        int limit = model.maxOutputTokens();
        if (limit <= 0 || request.maxTokens().isEmpty() || request.maxTokens().getAsInt() <= limit) {
            return Optional.empty();
        }
        if (hasAnthropicBeta(request)) {
            return Optional.empty();
        }
        return reject("maxTokens", "maxTokens is " + request.maxTokens().getAsInt() + ", but " + model.baseModelId()
                + " writes at most " + limit + " tokens per answer; set maxTokens to " + limit + " or less",
                "The maximum tokens you requested exceeds the model limit of " + limit + ". Try again with a maximum tokens"
                        + " value that is lower than " + limit + ".");
    }

    static Optional<Rejection> media(ChatRequest request, ModelInfo model) {
        Tally tally = new Tally(model);
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            List<ContentBlock> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                String field = "messages[" + i + "].content[" + j + "]";
                String path = "messages." + i + ".content." + j;
                Optional<Rejection> found = tally.check(content.get(j), field, path);
                if (found.isPresent()) {
                    return found;
                }
                if (content.get(j) instanceof ContentBlock.ToolResult result) {
                    for (int k = 0; k < result.content().size(); k++) {
                        found = tally.check(result.content().get(k), field + ".content[" + k + "]",
                                path + ".toolResult.content." + k);
                        if (found.isPresent()) {
                            return found;
                        }
                    }
                }
            }
        }
        return tally.counts();
    }

    /** Counts the media of one request and checks each item's size. */
    private static final class Tally {
        private final MediaLimits limits;
        private final String id;
        private int images;
        private int documents;
        private int videos;

        Tally(ModelInfo model) {
            this.limits = model.mediaLimits();
            this.id = model.baseModelId();
        }

        Optional<Rejection> check(ContentBlock block, String field, String path) {
            if (block instanceof ContentBlock.Image image) {
                images++;
                if (image.source() instanceof MediaSource.Bytes bytes) {
                    return image(bytes, field, path);
                }
            } else if (block instanceof ContentBlock.Document document) {
                documents++;
                return document(document, field, path);
            } else if (block instanceof ContentBlock.Video video) {
                videos++;
                if (video.source() instanceof MediaSource.Bytes bytes && bytes.size() > limits.maxVideoBytes()) {
                    return reject(field, field + " is a video of " + count(bytes.size()) + " bytes; " + id
                            + " accepts inline videos of up to " + size(limits.maxVideoBytes()) + ", so upload it to S3 and"
                            + " pass MediaSource.s3(\"s3://bucket/key\")", MODEL_ERRORS + path + ".video.source.bytes: video"
                            + " exceeds " + mb(base64Length(limits.maxVideoBytes())) + " MB maximum: "
                            + base64Length(bytes.size()) + " bytes > " + base64Length(limits.maxVideoBytes()) + " bytes");
                }
            }
            return Optional.empty();
        }

        private Optional<Rejection> image(MediaSource.Bytes bytes, String field, String path) {
            if (bytes.size() > limits.maxImageBytes()) {
                return reject(field, field + " is an image of " + count(bytes.size()) + " bytes; " + id
                        + " accepts images of up to " + size(limits.maxImageBytes()) + ", so scale it down or compress it",
                        MODEL_ERRORS + path + ".image.source.bytes: image exceeds " + mb(base64Length(limits.maxImageBytes()))
                                + " MB maximum: " + base64Length(bytes.size()) + " bytes > "
                                + base64Length(limits.maxImageBytes()) + " bytes");
            }
            if (limits.maxImageDimension() < MediaLimits.UNLIMITED) {
                int[] dimensions = ImageSize.of(bytes.data());
                if (dimensions != null && Math.max(dimensions[0], dimensions[1]) > limits.maxImageDimension()) {
                    return reject(field, field + " is an image of " + count(dimensions[0]) + " x " + count(dimensions[1])
                            + " pixels; " + id + " accepts at most " + count(limits.maxImageDimension())
                            + " pixels a side, so scale it down", MODEL_ERRORS + path + ".image.source.bytes: At least one of"
                            + " the image dimensions exceed max allowed size: " + limits.maxImageDimension() + " pixels");
                }
            }
            return Optional.empty();
        }

        private Optional<Rejection> document(ContentBlock.Document document, String field, String path) {
            long length = document.source() instanceof MediaSource.Bytes bytes ? bytes.size()
                    : document.source() instanceof MediaSource.Text text ? text.text().getBytes(StandardCharsets.UTF_8).length
                    : document.source() instanceof MediaSource.TextParts parts
                            ? parts.parts().stream().mapToLong(p -> p.getBytes(StandardCharsets.UTF_8).length).sum()
                    : 0;
            if (length <= limits.maxDocumentBytes() || limits.documentFormatsWithoutSizeLimit().contains(document.format())) {
                return Optional.empty();
            }
            String exempt = limits.documentFormatsWithoutSizeLimit().stream().sorted()
                    .map(f -> f.toUpperCase(Locale.ROOT)).collect(Collectors.joining(" or "));
            return reject(field, field + " is a document of " + count(length) + " bytes; " + id + " accepts documents of up to "
                    + mb(limits.maxDocumentBytes()) + " MB (" + count(limits.maxDocumentBytes()) + " bytes)" + (exempt.isEmpty() ? ", so split it"
                    : ", so split it, or send it as " + exempt + ", which this model takes at any size"),
                    "The document at " + path + " exceeds the maximum document size of " + mb(limits.maxDocumentBytes()) + " MB.");
        }

        Optional<Rejection> counts() {
            if (images > limits.maxImages()) {
                return reject("messages", "the request holds " + images + " images, the history and tool results included; "
                        + id + " accepts at most " + limits.maxImages() + " per request, so send fewer or drop older ones"
                        + " from the history", MODEL_ERRORS + "messages: too many images and documents: " + images + " + "
                        + documents + " > " + limits.maxImages());
            }
            if (documents > limits.maxDocuments()) {
                return reject("messages", "the request holds " + documents + " documents, the history and tool results"
                        + " included; Bedrock accepts at most " + limits.maxDocuments() + " per request, so send fewer or drop"
                        + " older ones from the history", "You can't include more than " + limits.maxDocuments()
                        + " documents in a request.");
            }
            if (videos > limits.maxVideos()) {
                return reject("messages", "the request holds " + videos + " videos, the history included; " + id
                        + " accepts at most " + limits.maxVideos() + " per request, so send one request per video",
                        MODEL_ERRORS + "messages: too many videos: " + videos + " > " + limits.maxVideos());
            }
            return Optional.empty();
        }
    }

    private static Optional<Rejection> reject(String field, String message, String serviceMessage) {
        return Optional.of(new Rejection(field, message, serviceMessage));
    }

    private static String emptyOrBlank(String text) {
        return text.isEmpty() ? "an empty" : "a blank";
    }

    /** How many bytes base64 turns {@code bytes} into, as Bedrock's size errors count them. */
    static long base64Length(long bytes) {
        return (bytes + 2) / 3 * 4;
    }

    private static String size(long bytes) {
        return mb(bytes) + " MB (" + count(bytes) + " bytes; " + mb(base64Length(bytes)) + " MB once base64-encoded)";
    }

    private static String mb(long bytes) {
        return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(MediaLimits.MIB), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The id in quotes, with line breaks and tabs shown as escapes. */
    static String quote(String id) {
        return "\"" + id.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }
}
