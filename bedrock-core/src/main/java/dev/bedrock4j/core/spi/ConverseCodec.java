package dev.bedrock4j.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Citation;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.chat.MediaFormat;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.stream.ChatEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CitationGeneratedContent;
import software.amazon.awssdk.services.bedrockruntime.model.CitationLocation;
import software.amazon.awssdk.services.bedrockruntime.model.CitationSourceContent;
import software.amazon.awssdk.services.bedrockruntime.model.CitationSourceContentDelta;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CitationsDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseMetrics;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseTrace;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.S3Location;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;
import software.amazon.awssdk.services.bedrockruntime.model.VideoBlock;
import software.amazon.awssdk.services.bedrockruntime.model.VideoSource;

/**
 * The one mapping between the library's chat types and the AWS SDK's Converse model types
 * ({@code software.amazon.awssdk.services.bedrockruntime.model}), both ways: requests, messages, content
 * blocks, responses, usage and stream events. The Converse path goes through it both ways:
 * {@code ChatModel.call} and {@code stream}, the rendered request, the testkit's server and recordings,
 * JSONL files.
 *
 * <p><b>SDK objects.</b> {@code toSdk} builds SDK model objects from library values and {@code fromSdk}
 * reads them back. Blocks the library does not model (audio, search results, server tool calls, blocks
 * carrying members the library has no field for) become {@link ContentBlock.Other} holding their JSON, and
 * turn back into the same SDK block, so nothing is lost on the way through the library.
 *
 * <p><b>JSON.</b> {@link #request(ChatRequest)}, {@link #response(ChatResponse)} and the other methods that
 * return JSON write the SDK objects with {@link SdkJson}, so the JSON is exactly what the SDK puts on the
 * wire (floats such as the temperature included); the methods that read JSON parse it into SDK objects
 * first. There is no second mapping between chat types and JSON.
 *
 * <pre>{@code
 * ConverseRequest sdkRequest = ConverseCodec.toSdk(request, b -> b.modelId("anthropic.claude-3-haiku-20240307-v1:0"));
 * ChatResponse response = ConverseCodec.fromSdk(runtimeClient.converse(sdkRequest), sdkRequest.modelId());
 * }</pre>
 *
 * <p>This class has only static members; it is thread-safe.
 */
public final class ConverseCodec {
    private static final Consumer<ConverseRequest.Builder> NO_SETTINGS = builder -> { };

    private ConverseCodec() {
    }

    // ---------------------------------------------------------------- requests

    /**
     * The SDK request for a chat request, without a model id: the members Converse sends in its body.
     *
     * @param request the chat request
     * @return the SDK request
     * @throws IllegalArgumentException if a block sits where Converse cannot carry it, such as a JSON
     *         block outside a tool result or an image whose source is text
     */
    public static ConverseRequest toSdk(ChatRequest request) {
        return toSdk(request, NO_SETTINGS);
    }

    /**
     * The SDK request for a chat request, with settings the chat request does not hold (the model id,
     * override configuration) applied to the SDK builder before it is built.
     *
     * @param request the chat request
     * @param settings applies further settings to the SDK builder
     * @return the SDK request
     * @throws IllegalArgumentException if a block sits where Converse cannot carry it
     */
    public static ConverseRequest toSdk(ChatRequest request, Consumer<? super ConverseRequest.Builder> settings) {
        ConverseRequest.Builder builder = ConverseRequest.builder().messages(mapAll(request.messages(), ConverseCodec::toSdk));
        if (!request.system().isEmpty()) {
            builder.system(mapAll(request.system(), ConverseCodec::systemBlock));
        }
        if (request.maxTokens().isPresent() || request.temperature().isPresent() || request.topP().isPresent()
                || !request.stopSequences().isEmpty()) {
            InferenceConfiguration.Builder inference = InferenceConfiguration.builder();
            request.maxTokens().ifPresent(inference::maxTokens);
            request.temperature().ifPresent(t -> inference.temperature((float) t));
            request.topP().ifPresent(p -> inference.topP((float) p));
            if (!request.stopSequences().isEmpty()) {
                inference.stopSequences(request.stopSequences());
            }
            builder.inferenceConfig(inference.build());
        }
        if (!request.tools().isEmpty()) {
            builder.toolConfig(toolConfig(request));
        }
        Guardrail guardrail = request.guardrail().orElse(null);
        if (guardrail != null) {
            builder.guardrailConfig(GuardrailConfiguration.builder()
                    .guardrailIdentifier(guardrail.id())
                    .guardrailVersion(guardrail.version())
                    .trace(guardrail.trace() == Guardrail.Trace.DISABLED ? null : guardrail.trace().wireName())
                    .build());
        }
        request.additionalModelRequestFields().ifPresent(fields -> builder.additionalModelRequestFields(SdkJson.jsonToDocument(fields)));
        if (!request.additionalModelResponseFieldPaths().isEmpty()) {
            builder.additionalModelResponseFieldPaths(request.additionalModelResponseFieldPaths());
        }
        if (!request.requestMetadata().isEmpty()) {
            builder.requestMetadata(request.requestMetadata());
        }
        settings.accept(builder);
        return builder.build();
    }

    private static ToolConfiguration toolConfig(ChatRequest request) {
        List<Tool> tools = new ArrayList<>(request.tools().size() + 1);
        for (ToolDefinition tool : request.tools()) {
            tools.add(Tool.fromToolSpec(ToolSpecification.builder()
                    .name(tool.name())
                    .description(tool.description())
                    .inputSchema(ToolInputSchema.fromJson(SdkJson.jsonToDocument(tool.inputSchema())))
                    .build()));
        }
        if (request.cacheTools()) {
            tools.add(Tool.fromCachePoint(cachePoint(ContentBlock.CachePoint.DEFAULT)));
        }
        ToolConfiguration.Builder config = ToolConfiguration.builder().tools(tools);
        ToolChoice choice = request.toolChoice().orElse(null);
        if (choice instanceof ToolChoice.Named named) {
            config.toolChoice(software.amazon.awssdk.services.bedrockruntime.model.ToolChoice.fromTool(
                    SpecificToolChoice.builder().name(named.name()).build()));
        } else if (choice instanceof ToolChoice.Any) {
            config.toolChoice(software.amazon.awssdk.services.bedrockruntime.model.ToolChoice.fromAny(b -> { }));
        } else if (choice instanceof ToolChoice.Auto) {
            config.toolChoice(software.amazon.awssdk.services.bedrockruntime.model.ToolChoice.fromAuto(b -> { }));
        }
        return config.build();
    }

    /**
     * The ConverseStream request with the same members as a Converse request, model id and override
     * configuration included, so that a stream sends exactly what a call would.
     *
     * @param request the Converse request
     * @return the ConverseStream request
     */
    public static ConverseStreamRequest toStreamRequest(ConverseRequest request) {
        ConverseStreamRequest.Builder builder = ConverseStreamRequest.builder()
                .modelId(request.modelId())
                .messages(request.messages())
                .system(request.system())
                .inferenceConfig(request.inferenceConfig())
                .toolConfig(request.toolConfig())
                .additionalModelRequestFields(request.additionalModelRequestFields())
                .promptVariables(request.promptVariables())
                .additionalModelResponseFieldPaths(request.additionalModelResponseFieldPaths())
                .requestMetadata(request.requestMetadata())
                .performanceConfig(request.performanceConfig())
                .serviceTier(request.serviceTier())
                .outputConfig(request.outputConfig());
        GuardrailConfiguration guardrail = request.guardrailConfig();
        if (guardrail != null) {
            builder.guardrailConfig(g -> g.guardrailIdentifier(guardrail.guardrailIdentifier())
                    .guardrailVersion(guardrail.guardrailVersion())
                    .trace(guardrail.traceAsString()));
        }
        request.overrideConfiguration().ifPresent(builder::overrideConfiguration);
        return builder.build();
    }

    /**
     * Reads an SDK request as a chat request, as a server would. Members the library does not model
     * (prompt variables, performance and service tier settings, output configuration, system tools) are
     * left out.
     *
     * @param request the SDK request
     * @return the chat request
     * @throws IllegalArgumentException if a message has a role other than user or assistant
     */
    public static ChatRequest fromSdk(ConverseRequest request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        builder.system(mapAll(request.system(), ConverseCodec::fromSdkSystem).toArray(ContentBlock[]::new));
        builder.messages(mapAll(request.messages(), ConverseCodec::fromSdk));
        InferenceConfiguration inference = request.inferenceConfig();
        if (inference != null) {
            if (inference.maxTokens() != null) {
                builder.maxTokens(inference.maxTokens());
            }
            if (inference.temperature() != null) {
                builder.temperature(SdkJson.decimal(inference.temperature()));
            }
            if (inference.topP() != null) {
                builder.topP(SdkJson.decimal(inference.topP()));
            }
            if (inference.hasStopSequences()) {
                builder.stopSequences(mapAll(inference.stopSequences(), Function.identity()).toArray(String[]::new));
            }
        }
        ToolConfiguration tools = request.toolConfig();
        if (tools != null) {
            for (Tool tool : mapAll(tools.tools(), Function.identity())) {
                if (tool.toolSpec() != null && tool.toolSpec().name() != null) {
                    ToolSpecification spec = tool.toolSpec();
                    Document schema = spec.inputSchema() == null ? null : spec.inputSchema().json();
                    builder.tools(ToolDefinition.of(spec.name(), spec.description() == null ? "" : spec.description(),
                            schema == null ? JsonSupport.object() : SdkJson.documentToJson(schema)));
                } else if (tool.cachePoint() != null) {
                    builder.cacheTools();
                }
            }
            ToolChoice choice = toolChoice(tools.toolChoice());
            if (choice != null) {
                builder.toolChoice(choice);
            }
        }
        GuardrailConfiguration guardrail = request.guardrailConfig();
        if (guardrail != null && guardrail.guardrailIdentifier() != null) {
            builder.guardrail(new Guardrail(guardrail.guardrailIdentifier(),
                    guardrail.guardrailVersion() == null ? "" : guardrail.guardrailVersion(), trace(guardrail.traceAsString())));
        }
        if (request.additionalModelRequestFields() != null) {
            builder.additionalModelRequestFields(SdkJson.documentToJson(request.additionalModelRequestFields()));
        }
        if (request.hasAdditionalModelResponseFieldPaths()) {
            builder.additionalModelResponseFieldPaths(mapAll(request.additionalModelResponseFieldPaths(), Function.identity())
                    .toArray(String[]::new));
        }
        for (Map.Entry<String, String> entry : request.requestMetadata().entrySet()) {
            if (entry.getKey() != null && entry.getValue() != null) {
                builder.requestMetadata(entry.getKey(), entry.getValue());
            }
        }
        return builder.build();
    }

    private static ToolChoice toolChoice(software.amazon.awssdk.services.bedrockruntime.model.ToolChoice choice) {
        if (choice == null || choice.type() == null) {
            return null;
        }
        switch (choice.type()) {
            case AUTO:
                return ToolChoice.auto();
            case ANY:
                return ToolChoice.any();
            case TOOL:
                return choice.tool().name() == null ? null : ToolChoice.tool(choice.tool().name());
            default:
                return null;
        }
    }

    private static Guardrail.Trace trace(String wireName) {
        for (Guardrail.Trace trace : Guardrail.Trace.values()) {
            if (trace.wireName().equals(wireName)) {
                return trace;
            }
        }
        return Guardrail.Trace.DISABLED;
    }

    // ---------------------------------------------------------------- messages and blocks

    /**
     * A message as an SDK message.
     *
     * @param message the message
     * @return the SDK message
     * @throws IllegalArgumentException if a block sits where Converse cannot carry it
     */
    public static software.amazon.awssdk.services.bedrockruntime.model.Message toSdk(Message message) {
        return software.amazon.awssdk.services.bedrockruntime.model.Message.builder()
                .role(message.role().wireName())
                .content(mapAll(message.content(), ConverseCodec::toSdk))
                .build();
    }

    /**
     * Reads an SDK message; a message without a role is the assistant's.
     *
     * @param message the SDK message
     * @return the message
     * @throws IllegalArgumentException if the role is neither user nor assistant
     */
    public static Message fromSdk(software.amazon.awssdk.services.bedrockruntime.model.Message message) {
        String role = message.roleAsString();
        return new Message(role == null ? Role.ASSISTANT : Role.fromWireName(role), fromSdkBlocks(message.content()));
    }

    private static List<ContentBlock> fromSdkBlocks(List<software.amazon.awssdk.services.bedrockruntime.model.ContentBlock> blocks) {
        return mapAll(blocks, ConverseCodec::fromSdk);
    }

    /**
     * A content block as an SDK content block. {@link ContentBlock.Other} turns back into the SDK block its
     * JSON describes.
     *
     * @param block the block
     * @return the SDK block
     * @throws IllegalArgumentException for a {@link ContentBlock.Json} block, which Converse carries only
     *         inside a tool result, and for media whose source the media type cannot take
     */
    public static software.amazon.awssdk.services.bedrockruntime.model.ContentBlock toSdk(ContentBlock block) {
        if (block instanceof ContentBlock.Text text) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromText(text.text());
        }
        if (block instanceof ContentBlock.Image image) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromImage(image(image));
        }
        if (block instanceof ContentBlock.Document document) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromDocument(document(document));
        }
        if (block instanceof ContentBlock.Video video) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromVideo(video(video));
        }
        if (block instanceof ContentBlock.ToolUse use) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolUse(ToolUseBlock.builder()
                    .toolUseId(use.id())
                    .name(use.name())
                    .input(SdkJson.jsonToDocument(use.input()))
                    .build());
        }
        if (block instanceof ContentBlock.ToolResult result) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromToolResult(ToolResultBlock.builder()
                    .toolUseId(result.toolUseId())
                    .content(mapAll(result.content(), ConverseCodec::toolResultPart))
                    .status(result.error() ? ToolResultStatus.ERROR : ToolResultStatus.SUCCESS)
                    .build());
        }
        if (block instanceof ContentBlock.Reasoning reasoning) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromReasoningContent(
                    ReasoningContentBlock.fromReasoningText(ReasoningTextBlock.builder()
                            .text(reasoning.text())
                            .signature(reasoning.signature())
                            .build()));
        }
        if (block instanceof ContentBlock.RedactedReasoning redacted) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromReasoningContent(
                    ReasoningContentBlock.fromRedactedContent(SdkBytes.fromByteArrayUnsafe(redacted.data())));
        }
        if (block instanceof ContentBlock.Citations citations) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromCitationsContent(citations(citations));
        }
        if (block instanceof ContentBlock.CachePoint cache) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromCachePoint(cachePoint(cache));
        }
        if (block instanceof ContentBlock.GuardContent guard) {
            return software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.fromGuardContent(guardContent(guard));
        }
        if (block instanceof ContentBlock.Other other) {
            return SdkJson.fromJson(other.json(), software.amazon.awssdk.services.bedrockruntime.model.ContentBlock.builder());
        }
        throw new IllegalArgumentException("a " + block.getClass().getSimpleName()
                + " block is only valid inside a tool result; wrap it in a ContentBlock.ToolResult");
    }

    /**
     * Reads an SDK content block. A block the library does not model, or one with members the library has
     * no field for, becomes {@link ContentBlock.Other} holding its JSON. A block of a type newer than the
     * SDK on the class path reaches the library without content, as {@code Other} of an empty object.
     *
     * @param block the SDK block
     * @return the block
     */
    public static ContentBlock fromSdk(software.amazon.awssdk.services.bedrockruntime.model.ContentBlock block) {
        ContentBlock modelled = block.type() == null ? null : switch (block.type()) {
            case TEXT -> new ContentBlock.Text(block.text());
            case IMAGE -> image(block.image());
            case DOCUMENT -> document(block.document());
            case VIDEO -> video(block.video());
            case TOOL_USE -> toolUse(block.toolUse());
            case TOOL_RESULT -> toolResult(block.toolResult());
            case REASONING_CONTENT -> reasoning(block.reasoningContent());
            case CITATIONS_CONTENT -> citations(block.citationsContent());
            case CACHE_POINT -> cachePoint(block.cachePoint());
            case GUARD_CONTENT -> guardContent(block.guardContent());
            default -> null;
        };
        return orOther(modelled, block);
    }

    private static SystemContentBlock systemBlock(ContentBlock block) {
        if (block instanceof ContentBlock.Text text) {
            return SystemContentBlock.fromText(text.text());
        }
        if (block instanceof ContentBlock.CachePoint cache) {
            return SystemContentBlock.fromCachePoint(cachePoint(cache));
        }
        if (block instanceof ContentBlock.GuardContent guard) {
            return SystemContentBlock.fromGuardContent(guardContent(guard));
        }
        if (block instanceof ContentBlock.Other other) {
            return SdkJson.fromJson(other.json(), SystemContentBlock.builder());
        }
        throw new IllegalArgumentException("a " + block.getClass().getSimpleName()
                + " block cannot be a system block; system prompts take text, cache points and guard content");
    }

    private static ContentBlock fromSdkSystem(SystemContentBlock block) {
        ContentBlock modelled = block.type() == null ? null : switch (block.type()) {
            case TEXT -> new ContentBlock.Text(block.text());
            case CACHE_POINT -> cachePoint(block.cachePoint());
            case GUARD_CONTENT -> guardContent(block.guardContent());
            default -> null;
        };
        return orOther(modelled, block);
    }

    private static ToolResultContentBlock toolResultPart(ContentBlock part) {
        if (part instanceof ContentBlock.Text text) {
            return ToolResultContentBlock.fromText(text.text());
        }
        if (part instanceof ContentBlock.Json json) {
            return ToolResultContentBlock.fromJson(SdkJson.jsonToDocument(json.value()));
        }
        if (part instanceof ContentBlock.Image image) {
            return ToolResultContentBlock.fromImage(image(image));
        }
        if (part instanceof ContentBlock.Document document) {
            return ToolResultContentBlock.fromDocument(document(document));
        }
        if (part instanceof ContentBlock.Video video) {
            return ToolResultContentBlock.fromVideo(video(video));
        }
        if (part instanceof ContentBlock.Other other) {
            return SdkJson.fromJson(other.json(), ToolResultContentBlock.builder());
        }
        throw new IllegalArgumentException("a tool result holds text, JSON, image, document or video blocks, not "
                + part.getClass().getSimpleName());
    }

    private static ContentBlock toolResultPart(ToolResultContentBlock part) {
        ContentBlock modelled = part.type() == null ? null : switch (part.type()) {
            case TEXT -> new ContentBlock.Text(part.text());
            case JSON -> new ContentBlock.Json(SdkJson.documentToJson(part.json()));
            case IMAGE -> image(part.image());
            case DOCUMENT -> document(part.document());
            case VIDEO -> video(part.video());
            default -> null;
        };
        return orOther(modelled, part);
    }

    // The library block when it holds everything the SDK object does, else the SDK object's JSON. (A union with
    // more than one member set, which only malformed input holds, has no type and is kept this way too.)
    private static ContentBlock orOther(ContentBlock modelled, SdkPojo sdk) {
        return modelled != null ? modelled : new ContentBlock.Other(SdkJson.toJson(sdk));
    }

    // Each reader below returns null when the library type cannot hold the SDK object exactly.

    private static ContentBlock toolUse(ToolUseBlock use) {
        if (use.typeAsString() != null || use.toolUseId() == null || use.name() == null) {
            return null;
        }
        return new ContentBlock.ToolUse(use.toolUseId(), use.name(),
                use.input() == null ? JsonSupport.object() : SdkJson.documentToJson(use.input()));
    }

    private static ContentBlock toolResult(ToolResultBlock result) {
        if (result.type() != null || result.toolUseId() == null) {
            return null;
        }
        return new ContentBlock.ToolResult(result.toolUseId(), mapAll(result.content(), ConverseCodec::toolResultPart),
                ToolResultStatus.ERROR.toString().equals(result.statusAsString()));
    }

    private static ContentBlock reasoning(ReasoningContentBlock reasoning) {
        ReasoningTextBlock text = reasoning.reasoningText();
        if (text != null && text.text() != null && reasoning.redactedContent() == null) {
            return new ContentBlock.Reasoning(text.text(), text.signature());
        }
        if (text == null && reasoning.redactedContent() != null) {
            return new ContentBlock.RedactedReasoning(reasoning.redactedContent().asByteArrayUnsafe());
        }
        return null;
    }

    private static CachePointBlock cachePoint(ContentBlock.CachePoint cache) {
        return CachePointBlock.builder().type(CachePointType.DEFAULT).ttl(cache.ttl()).build();
    }

    private static ContentBlock cachePoint(CachePointBlock cache) {
        String type = cache.typeAsString();
        if (type != null && !CachePointType.DEFAULT.toString().equals(type)) {
            return null;
        }
        String ttl = cache.ttlAsString();
        return ttl == null ? ContentBlock.CachePoint.DEFAULT : new ContentBlock.CachePoint(ttl);
    }

    private static GuardrailConverseContentBlock guardContent(ContentBlock.GuardContent guard) {
        GuardrailConverseTextBlock.Builder text = GuardrailConverseTextBlock.builder().text(guard.text());
        if (!guard.qualifiers().isEmpty()) {
            text.qualifiersWithStrings(guard.qualifiers());
        }
        return GuardrailConverseContentBlock.fromText(text.build());
    }

    private static ContentBlock guardContent(GuardrailConverseContentBlock guard) {
        GuardrailConverseTextBlock text = guard.text();
        if (text == null || text.text() == null || guard.image() != null) {
            return null;
        }
        return new ContentBlock.GuardContent(text.text(), text.qualifiersAsStrings());
    }

    private static CitationsContentBlock citations(ContentBlock.Citations citations) {
        List<CitationGeneratedContent> content = new ArrayList<>(citations.content().size());
        for (String text : citations.content()) {
            content.add(CitationGeneratedContent.builder().text(text).build());
        }
        List<software.amazon.awssdk.services.bedrockruntime.model.Citation> list = new ArrayList<>(citations.citations().size());
        for (Citation citation : citations.citations()) {
            List<CitationSourceContent> sourceContent = new ArrayList<>(citation.sourceContent().size());
            for (String text : citation.sourceContent()) {
                sourceContent.add(CitationSourceContent.builder().text(text).build());
            }
            JsonNode location = citation.location();
            list.add(software.amazon.awssdk.services.bedrockruntime.model.Citation.builder()
                    .title(citation.title())
                    .source(citation.source())
                    .sourceContent(sourceContent)
                    .location(location.isNull() ? null : SdkJson.fromJson(location, CitationLocation.builder()))
                    .build());
        }
        return CitationsContentBlock.builder().content(content).citations(list).build();
    }

    private static ContentBlock citations(CitationsContentBlock block) {
        List<String> content = texts(block.content(), CitationGeneratedContent::text);
        List<Citation> citations = new ArrayList<>(block.citations().size());
        for (software.amazon.awssdk.services.bedrockruntime.model.Citation citation : block.citations()) {
            List<String> sourceContent = citation == null ? null : texts(citation.sourceContent(), CitationSourceContent::text);
            if (sourceContent == null) {
                return null;
            }
            citations.add(citation(citation.title(), citation.source(), sourceContent, citation.location()));
        }
        return content == null ? null : new ContentBlock.Citations(content, citations);
    }

    // One citation, from a response block or a stream delta alike.
    private static Citation citation(String title, String source, List<String> sourceContent, CitationLocation location) {
        return new Citation(title, source, sourceContent, location == null ? null : SdkJson.toJson(location));
    }

    // The texts of parts, or null when a part has none.
    private static <T> List<String> texts(List<T> parts, Function<T, String> text) {
        List<String> texts = new ArrayList<>(parts.size());
        for (T part : parts) {
            String value = part == null ? null : text.apply(part);
            if (value == null) {
                return null;
            }
            texts.add(value);
        }
        return texts;
    }

    // ---------------------------------------------------------------- media

    private static ImageBlock image(ContentBlock.Image image) {
        MediaSource source = image.source();
        ImageSource sdkSource;
        if (source instanceof MediaSource.Bytes bytes) {
            sdkSource = ImageSource.fromBytes(SdkBytes.fromByteArrayUnsafe(bytes.data()));
        } else if (source instanceof MediaSource.S3 s3) {
            sdkSource = ImageSource.fromS3Location(s3Location(s3));
        } else {
            throw new IllegalArgumentException("an image comes from bytes or an S3 object, not " + source.getClass().getSimpleName());
        }
        return ImageBlock.builder().format(image.format()).source(sdkSource).build();
    }

    private static ContentBlock image(ImageBlock image) {
        ImageSource source = image.source();
        if (image.error() != null || source == null || !known(MediaFormat.IMAGE, image.formatAsString())) {
            return null;
        }
        MediaSource media = media(source.bytes(), source.s3Location());
        return media == null ? null : new ContentBlock.Image(image.formatAsString(), media);
    }

    private static DocumentBlock document(ContentBlock.Document document) {
        MediaSource source = document.source();
        DocumentSource sdkSource;
        if (source instanceof MediaSource.Bytes bytes) {
            sdkSource = DocumentSource.fromBytes(SdkBytes.fromByteArrayUnsafe(bytes.data()));
        } else if (source instanceof MediaSource.S3 s3) {
            sdkSource = DocumentSource.fromS3Location(s3Location(s3));
        } else if (source instanceof MediaSource.Text text) {
            sdkSource = DocumentSource.fromText(text.text());
        } else {
            sdkSource = DocumentSource.fromContent(mapAll(((MediaSource.TextParts) source).parts(),
                    part -> DocumentContentBlock.fromText(part)));
        }
        DocumentBlock.Builder builder = DocumentBlock.builder()
                .format(document.format())
                .name(document.name())
                .source(sdkSource)
                .context(document.context());
        if (document.citations()) {
            builder.citations(c -> c.enabled(true));
        }
        return builder.build();
    }

    private static ContentBlock document(DocumentBlock document) {
        DocumentSource source = document.source();
        if (source == null || source.type() == null || document.name() == null
                || !known(MediaFormat.DOCUMENT, document.formatAsString())) {
            return null;
        }
        MediaSource media = switch (source.type()) {
            case TEXT -> MediaSource.text(source.text());
            case CONTENT -> {
                List<String> parts = texts(source.content(), DocumentContentBlock::text);
                yield parts == null ? null : new MediaSource.TextParts(parts);
            }
            default -> media(source.bytes(), source.s3Location());
        };
        boolean citations = document.citations() != null && Boolean.TRUE.equals(document.citations().enabled());
        return media == null ? null
                : new ContentBlock.Document(document.formatAsString(), document.name(), media, citations, document.context());
    }

    private static VideoBlock video(ContentBlock.Video video) {
        MediaSource source = video.source();
        VideoSource sdkSource;
        if (source instanceof MediaSource.Bytes bytes) {
            sdkSource = VideoSource.fromBytes(SdkBytes.fromByteArrayUnsafe(bytes.data()));
        } else if (source instanceof MediaSource.S3 s3) {
            sdkSource = VideoSource.fromS3Location(s3Location(s3));
        } else {
            throw new IllegalArgumentException("a video comes from bytes or an S3 object, not " + source.getClass().getSimpleName());
        }
        return VideoBlock.builder().format(video.format()).source(sdkSource).build();
    }

    private static ContentBlock video(VideoBlock video) {
        VideoSource source = video.source();
        if (source == null || !known(MediaFormat.VIDEO, video.formatAsString())) {
            return null;
        }
        MediaSource media = media(source.bytes(), source.s3Location());
        return media == null ? null : new ContentBlock.Video(video.formatAsString(), media);
    }

    // Exactly as the library spells it: a format it would normalise (such as "PNG") is kept as Other, unchanged.
    private static boolean known(Set<String> formats, String format) {
        return format != null && formats.contains(format);
    }

    private static S3Location s3Location(MediaSource.S3 s3) {
        return S3Location.builder().uri(s3.uri()).bucketOwner(s3.bucketOwner()).build();
    }

    // Bytes or an S3 object, whichever of the two the source holds; null for neither, both, or an S3 URI the library rejects.
    private static MediaSource media(SdkBytes bytes, S3Location s3) {
        if (bytes != null && s3 == null) {
            return MediaSource.bytes(bytes.asByteArrayUnsafe());
        }
        if (bytes == null && s3 != null && s3.uri() != null && s3.uri().startsWith("s3://")) {
            return new MediaSource.S3(s3.uri(), s3.bucketOwner());
        }
        return null;
    }

    // ---------------------------------------------------------------- responses

    /**
     * A response as the SDK response Bedrock would send for it.
     *
     * @param response the response
     * @return the SDK response
     */
    public static ConverseResponse toSdk(ChatResponse response) {
        ConverseResponse.Builder builder = ConverseResponse.builder()
                .output(ConverseOutput.fromMessage(toSdk(response.message())))
                .stopReason(response.stopReason().value())
                .usage(toSdk(response.usage()))
                .metrics(ConverseMetrics.builder().latencyMs(response.latency().toMillis()).build());
        response.additionalModelResponseFields().ifPresent(fields -> builder.additionalModelResponseFields(SdkJson.jsonToDocument(fields)));
        response.guardrailTrace().ifPresent(trace ->
                builder.trace(ConverseTrace.builder().guardrail(SdkJson.fromJson(trace, GuardrailTraceAssessment.builder())).build()));
        return builder.build();
    }

    /**
     * Reads an SDK response. Missing members read as nothing: no content, zero usage, zero latency, and
     * {@code end_turn} for a missing stop reason; a stop reason this library does not know is kept as it
     * came. The message is the assistant's whatever role it carries.
     *
     * @param response the SDK response
     * @param modelId the model that answered, or {@code null}
     * @return the response
     */
    public static ChatResponse fromSdk(ConverseResponse response, String modelId) {
        ConverseOutput output = response.output();
        software.amazon.awssdk.services.bedrockruntime.model.Message message = output == null ? null : output.message();
        ChatResponse.Builder builder = ChatResponse.builder()
                .modelId(modelId)
                .message(new Message(Role.ASSISTANT, message == null ? List.of() : fromSdkBlocks(message.content())))
                .stopReason(stopReason(response.stopReasonAsString()))
                .usage(fromSdk(response.usage()))
                .latency(latency(response.metrics() == null ? null : response.metrics().latencyMs()));
        if (response.trace() != null) {
            builder.guardrailTrace(guardrailTrace(response.trace().guardrail()));
        }
        if (response.additionalModelResponseFields() != null) {
            builder.additionalModelResponseFields(SdkJson.documentToJson(response.additionalModelResponseFields()));
        }
        return builder.build();
    }

    /**
     * Token usage as the SDK's {@code TokenUsage}; cache counts appear only when not zero, as Bedrock
     * sends them.
     *
     * @param usage the usage
     * @return the SDK usage
     */
    public static TokenUsage toSdk(Usage usage) {
        return TokenUsage.builder()
                .inputTokens(usage.inputTokens())
                .outputTokens(usage.outputTokens())
                .totalTokens(usage.totalTokens())
                .cacheReadInputTokens(usage.cacheReadInputTokens() > 0 ? usage.cacheReadInputTokens() : null)
                .cacheWriteInputTokens(usage.cacheWriteInputTokens() > 0 ? usage.cacheWriteInputTokens() : null)
                .build();
    }

    /**
     * Reads the SDK's token usage; missing counts read as zero.
     *
     * @param usage the SDK usage, or {@code null}
     * @return the usage; {@link Usage#ZERO} for {@code null}
     */
    public static Usage fromSdk(TokenUsage usage) {
        if (usage == null) {
            return Usage.ZERO;
        }
        return new Usage(count(usage.inputTokens()), count(usage.outputTokens()),
                count(usage.cacheReadInputTokens()), count(usage.cacheWriteInputTokens()));
    }

    // A token count from outside: missing reads as zero, and a negative count (never valid) as zero too.
    private static int count(Integer value) {
        return value == null || value < 0 ? 0 : value;
    }

    private static StopReason stopReason(String value) {
        return value == null ? StopReason.END_TURN : StopReason.of(value);
    }

    private static Duration latency(Long millis) {
        return millis == null ? Duration.ZERO : Duration.ofMillis(millis);
    }

    private static JsonNode guardrailTrace(GuardrailTraceAssessment trace) {
        return trace == null ? null : SdkJson.toJson(trace);
    }

    // ---------------------------------------------------------------- stream events

    /**
     * The library event for a ConverseStream event, read with the same block, usage, stop reason,
     * citation and guardrail trace mapping as a response.
     *
     * @param event the SDK event
     * @return the event, or {@code null} for events the library does not carry (event types newer than
     *         the SDK, image and tool result deltas, block starts other than tool calls)
     */
    public static ChatEvent fromSdk(ConverseStreamOutput event) {
        if (event instanceof ContentBlockDeltaEvent e) {
            return delta(index(e.contentBlockIndex()), e.delta());
        }
        if (event instanceof MessageStartEvent) {
            return new ChatEvent.MessageStart(Role.ASSISTANT);
        }
        if (event instanceof ContentBlockStartEvent e) {
            if (e.start() == null || e.start().toolUse() == null) {
                return null;
            }
            String id = e.start().toolUse().toolUseId();
            String name = e.start().toolUse().name();
            return new ChatEvent.ToolUseStart(index(e.contentBlockIndex()), id == null ? "" : id, name == null ? "" : name);
        }
        if (event instanceof ContentBlockStopEvent e) {
            return new ChatEvent.ContentBlockStop(index(e.contentBlockIndex()));
        }
        if (event instanceof MessageStopEvent e) {
            Document fields = e.additionalModelResponseFields();
            return new ChatEvent.MessageStop(stopReason(e.stopReasonAsString()), fields == null ? null : SdkJson.documentToJson(fields));
        }
        if (event instanceof ConverseStreamMetadataEvent e) {
            return new ChatEvent.Metadata(fromSdk(e.usage()), latency(e.metrics() == null ? null : e.metrics().latencyMs()),
                    e.trace() == null ? null : guardrailTrace(e.trace().guardrail()));
        }
        return null;
    }

    private static ChatEvent delta(int index, ContentBlockDelta delta) {
        if (delta == null) {
            return null;
        }
        if (delta.text() != null) {
            return new ChatEvent.TextDelta(index, delta.text());
        }
        if (delta.toolUse() != null) {
            return new ChatEvent.ToolUseInputDelta(index, delta.toolUse().input() == null ? "" : delta.toolUse().input());
        }
        ReasoningContentBlockDelta reasoning = delta.reasoningContent();
        if (reasoning != null) {
            if (reasoning.text() != null) {
                return new ChatEvent.ReasoningDelta(index, reasoning.text());
            }
            if (reasoning.signature() != null) {
                return new ChatEvent.ReasoningSignature(index, reasoning.signature());
            }
            if (reasoning.redactedContent() != null) {
                return new ChatEvent.RedactedReasoningDelta(index, reasoning.redactedContent().asByteArrayUnsafe());
            }
            return null;
        }
        CitationsDelta citation = delta.citation();
        if (citation != null) {
            List<String> sourceContent = texts(citation.sourceContent(), CitationSourceContentDelta::text);
            return new ChatEvent.CitationDelta(index, citation(citation.title(), citation.source(),
                    sourceContent == null ? List.of() : sourceContent, citation.location()));
        }
        return null;
    }

    private static int index(Integer index) {
        return index == null ? 0 : index;
    }

    // ---------------------------------------------------------------- JSON forms

    /**
     * The Converse request body for a request, as the SDK writes it (the model id travels in the path).
     *
     * @param request the request
     * @return the body
     * @throws IllegalArgumentException if a block sits where Converse cannot carry it
     */
    public static ObjectNode request(ChatRequest request) {
        return SdkJson.toJson(toSdk(request));
    }

    /**
     * Parses a Converse request body into a request, as a server would.
     *
     * @param json the body
     * @return the request
     * @throws IllegalArgumentException if a message has a role other than user or assistant
     */
    public static ChatRequest parseRequest(JsonNode json) {
        return fromSdk(SdkJson.fromJson(json, ConverseRequest.builder()));
    }

    /**
     * A message as Converse JSON.
     *
     * @param message the message
     * @return the JSON
     * @throws IllegalArgumentException if a block sits where Converse cannot carry it
     */
    public static ObjectNode message(Message message) {
        return SdkJson.toJson(toSdk(message));
    }

    /**
     * A Converse response body for a response, as a server would write it.
     *
     * @param response the response
     * @return the body
     */
    public static ObjectNode response(ChatResponse response) {
        return SdkJson.toJson(toSdk(response));
    }

    /**
     * Parses a Converse response body, as {@link #fromSdk(ConverseResponse, String)} reads the SDK response.
     *
     * @param json the body
     * @param modelId the model that answered, or {@code null}
     * @return the response
     */
    public static ChatResponse parseResponse(JsonNode json, String modelId) {
        return fromSdk(SdkJson.fromJson(json, ConverseResponse.builder()), modelId);
    }

    /**
     * A Converse {@code usage} object.
     *
     * @param usage the usage
     * @return the JSON
     */
    public static ObjectNode usage(Usage usage) {
        return SdkJson.toJson(toSdk(usage));
    }

    /**
     * Parses a Converse {@code usage} object; missing counts read as zero.
     *
     * @param usage the JSON
     * @return the usage
     */
    public static Usage usage(JsonNode usage) {
        return fromSdk(SdkJson.fromJson(usage, TokenUsage.builder()));
    }

    // Maps each item; null items, which only malformed input holds, are left out.
    private static <T, R> List<R> mapAll(List<T> items, Function<T, R> mapping) {
        List<R> mapped = new ArrayList<>(items.size());
        for (T item : items) {
            if (item != null) {
                mapped.add(mapping.apply(item));
            }
        }
        return mapped;
    }
}
