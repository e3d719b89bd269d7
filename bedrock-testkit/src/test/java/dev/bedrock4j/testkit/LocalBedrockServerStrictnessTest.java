package dev.bedrock4j.testkit;

import static dev.bedrock4j.testkit.LocalBedrockServerValidationTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * The server refuses what Bedrock refuses, through the real SDK clients, with Bedrock's error type, HTTP
 * status and message: unknown model ids, the service model's constraints, Converse's conversation rules and
 * each family's native body rules; and accepts what Bedrock accepts, such as images for Cohere Embed v3.
 */
class LocalBedrockServerStrictnessTest extends LocalServerTestBase {
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String START_WITH_USER = "A conversation must start with a user message. Try again with a conversation"
            + " that starts with a user message.";
    static final String ALTERNATE = "A conversation must alternate between user and assistant roles. Make sure the"
            + " conversation alternates between user and assistant roles and try again.";

    static Message user(String text) {
        return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(text)).build();
    }

    static Message assistant(ContentBlock... content) {
        return Message.builder().role(ConversationRole.ASSISTANT).content(content).build();
    }

    static Consumer<ConverseRequest.Builder> converse(String modelId, Message... messages) {
        return r -> r.modelId(modelId).messages(messages);
    }

    static final Tool LOOKUP = Tool.fromToolSpec(t -> t.name("lookup").description("Looks a word up")
            .inputSchema(s -> s.json(Document.mapBuilder().putString("type", "object").build())));

    static ContentBlock toolUse(String id) {
        return ContentBlock.fromToolUse(u -> u.toolUseId(id).name("lookup").input(Document.mapBuilder().build()));
    }

    static ContentBlock toolResult(String id) {
        return ContentBlock.fromToolResult(r -> r.toolUseId(id).content(c -> c.text("found")));
    }

    // ------------------------------------------------------------------ model ids

    @Test
    void unknownModelIdsAreInvalidOnEveryOperation() {
        String unknown = "acme.brand-new-model-v1:0";
        assertRefused(() -> sync.converse(converse(unknown, user("Hi"))), "The provided model identifier is invalid.");
        assertRefused(() -> sync.invokeModel(r -> r.modelId(unknown).body(SdkBytes.fromUtf8String("{\"prompt\":\"Hi\"}"))),
                "The provided model identifier is invalid.");
        assertRefused(() -> sync.converse(converse("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123",
                user("Hi"))), "The provided model identifier is invalid.");
        assertStreamRefused(unknown, List.of(user("Hi")), "The provided model identifier is invalid.");
        assertThatThrownBy(() -> async.invokeModelWithResponseStream(r -> r.modelId(unknown)
                        .body(SdkBytes.fromUtf8String("{\"prompt\":\"Hi\"}")), InvokeModelWithResponseStreamResponseHandler
                        .builder().subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().build()).build())
                .join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The provided model identifier is invalid.");
                });
    }

    @Test
    void knownIdsInferenceProfilesAndArnsAreServed() {
        assertThat(text(sync.converse(converse("us.anthropic.claude-3-haiku-20240307-v1:0", user("Hi")))))
                .isEqualTo("You said: Hi");
        assertThat(text(sync.converse(converse(
                "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0", user("Hi")))))
                .isEqualTo("You said: Hi");
    }

    @Test
    void anIdTheTestScriptsIsServed() {
        String custom = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123";
        server.model(custom).reply("From the provisioned model.");
        assertThat(text(sync.converse(converse(custom, user("Hi"))))).isEqualTo("From the provisioned model.");
    }

    @Test
    void anyModelMakesEveryWellFormedIdAnswerButLikelyTypos() {
        server.anyModel().reply("Any model.");
        assertThat(text(sync.converse(converse("acme.brand-new-model-v1:0", user("Hi"))))).isEqualTo("Any model.");
        assertRefused(() -> sync.converse(converse("anthropic.claude-3-haiku-20240307-v1", user("Hi"))),
                "The provided model identifier is invalid.");
        server.reset();
        assertRefused(() -> sync.converse(converse("acme.brand-new-model-v1:0", user("Hi"))),
                "The provided model identifier is invalid.");
    }

    // ------------------------------------------------------------------ Converse: conversation rules

    @Test
    void anEmptyMessageListIsRefused() {
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).messages(List.of())), START_WITH_USER);
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).system(s -> s.text("Be brief."))), START_WITH_USER);
    }

    @Test
    void aConversationMustStartWithTheUser() {
        assertRefused(() -> sync.converse(converse(HAIKU, assistant(ContentBlock.fromText("Hello")), user("Hi"))),
                START_WITH_USER);
    }

    @Test
    void twoUserTurnsInARowAreRefused() {
        assertRefused(() -> sync.converse(converse(HAIKU, user("Hi"), user("Are you there?"))), ALTERNATE);
        assertStreamRefused(HAIKU, List.of(user("Hi"), user("Are you there?")), ALTERNATE);
    }

    @Test
    void aTurnWithoutContentIsRefused() {
        Message empty = Message.builder().role(ConversationRole.ASSISTANT).content(List.of()).build();
        assertRefused(() -> sync.converse(converse(HAIKU, user("Hi"), empty, user("Well?"))),
                "The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the"
                        + " content field and try again.");
    }

    @Test
    void aToolResultWithoutAToolUseBeforeItIsRefused() {
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).toolConfig(t -> t.tools(LOOKUP))
                        .messages(user("Look up 'bedrock'"), assistant(ContentBlock.fromText("Looking.")),
                                Message.builder().role(ConversationRole.USER).content(toolResult("tooluse_1")).build())),
                "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of"
                        + " previous turn.");
    }

    @Test
    void toolBlocksNeedAToolConfiguration() {
        assertRefused(() -> sync.converse(converse(HAIKU, user("Look up 'bedrock'"), assistant(toolUse("tooluse_1")),
                        Message.builder().role(ConversationRole.USER).content(toolResult("tooluse_1")).build())),
                "The toolConfig field must be defined when using toolUse and toolResult content blocks.");
        // with the tools, the same exchange is answered
        assertThat(text(sync.converse(r -> r.modelId(HAIKU).toolConfig(t -> t.tools(LOOKUP)).messages(
                user("Look up 'bedrock'"), assistant(toolUse("tooluse_1")),
                Message.builder().role(ConversationRole.USER).content(toolResult("tooluse_1")).build()))))
                .isEqualTo("The tool returned: found");
    }

    // ------------------------------------------------------------------ Converse: the service model

    @Test
    void temperatureOutOfRange() {
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).inferenceConfig(c -> c.temperature(5.0f))
                        .messages(user("Hi"))),
                "1 validation error detected: Value '5.0' at 'inferenceConfig.temperature' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 1");
    }

    @Test
    void everyViolationIsReported() {
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).inferenceConfig(c -> c.temperature(-1f).topP(2f).maxTokens(0))
                        .messages(user("Hi"))),
                "3 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1; Value '-1.0' at 'inferenceConfig.temperature'"
                        + " failed to satisfy constraint: Member must have value greater than or equal to 0; Value '2.0' at"
                        + " 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1");
    }

    @Test
    void maxTokensOverTheModelsLimit() {
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).inferenceConfig(c -> c.maxTokens(1_000_000))
                        .messages(user("Write a novel"))),
                "The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value"
                        + " that is lower than 4096.");
    }

    @Test
    void rolesOutsideTheEnum() {
        assertRefused(() -> sync.converse(converse(HAIKU, Message.builder().role(ConversationRole.SYSTEM)
                        .content(ContentBlock.fromText("Be brief.")).build(), user("Hi"))),
                "1 validation error detected: Value 'system' at 'messages.1.member.role' failed to satisfy constraint:"
                        + " Member must satisfy enum value set: [user, assistant]");
    }

    @Test
    void toolNamesFollowThePattern() {
        Tool dotted = Tool.fromToolSpec(t -> t.name("kb.search")
                .inputSchema(s -> s.json(Document.mapBuilder().putString("type", "object").build())));
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).toolConfig(t -> t.tools(dotted)).messages(user("Hi"))),
                "1 validation error detected: Value 'kb.search' at 'toolConfig.tools.1.member.toolSpec.name' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+");
    }

    @Test
    void aRequiredMemberThatIsMissing() {
        Message noRole = Message.builder().content(ContentBlock.fromText("Hi")).build();
        assertRefused(() -> sync.converse(converse(HAIKU, noRole)), "1 validation error detected: Value null at"
                + " 'messages.1.member.role' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void aUnionMustHaveExactlyOneMember() {
        Message emptyBlock = Message.builder().role(ConversationRole.USER).content(ContentBlock.builder().build()).build();
        assertRefused(() -> sync.converse(converse(HAIKU, emptyBlock)), "1 validation error detected: Value at"
                + " 'messages.1.member.content.1.member' failed to satisfy constraint: Member must have exactly one member set");
    }

    @Test
    void blankText() {
        assertRefused(() -> sync.converse(converse(HAIKU, user(" "))), "The text field in the ContentBlock object at"
                + " messages.0.content.0 is blank. Add text to the text field, and try again.");
    }

    // ------------------------------------------------------------------ InvokeModel: native bodies

    static void assertBodyRefused(String modelId, String body, String message) {
        assertRefused(() -> sync.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body))), message);
    }

    static String malformed(String violations) {
        return "Malformed input request: " + violations + ", please reformat your input and try again.";
    }

    @Test
    void anthropicWithoutVersionAndMaxTokens() {
        assertBodyRefused(HAIKU, "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", malformed(
                "#: subject must not be valid against schema {\"required\":[\"messages\"]}#: required key [max_tokens] not"
                        + " found#: required key [anthropic_version] not found"));
        assertBodyRefused(HAIKU, "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"model\":\"claude\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", malformed("#: subject must not be valid against"
                + " schema {\"required\":[\"messages\"]}#: extraneous key [model] is not permitted"));
    }

    @Test
    void anthropicTextCompletionsBodiesAreForOlderModels() {
        assertBodyRefused(HAIKU, "{\"prompt\":\"\\n\\nHuman: Hi\\n\\nAssistant:\",\"max_tokens_to_sample\":100}",
                "\"claude-3-haiku-20240307\" is not supported on this API. Please use the Messages API instead.");
    }

    @Test
    void anthropicSamplingAndOutputLimits() {
        assertBodyRefused(HAIKU, "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":10,\"temperature\":5.0,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "temperature: range: 0..1");
        assertBodyRefused(HAIKU, "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":1000000,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "max_tokens: 1000000 > 4096, which is the"
                + " maximum allowed number of output tokens for claude-3-haiku-20240307");
    }

    @Test
    void novaWithoutMessages() {
        assertBodyRefused("amazon.nova-lite-v1:0", "{\"inferenceConfig\":{\"max_new_tokens\":10}}",
                malformed("#: required key [messages] not found"));
        assertBodyRefused("amazon.nova-lite-v1:0", "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                malformed("#/messages/0/content: expected type: JSONArray, found: String"));
    }

    @Test
    void titanTextWithAnEmptyBody() {
        assertBodyRefused("amazon.titan-text-express-v1", "{}", malformed("#: required key [inputText] not found"));
    }

    @Test
    void mistralWithAForeignKey() {
        assertBodyRefused("mistral.mistral-7b-instruct-v0:2", "{\"foo\":1}",
                malformed("#: required key [prompt] not found#: extraneous key [foo] is not permitted"));
    }

    @Test
    void llamaOutputLimit() {
        assertBodyRefused("meta.llama3-8b-instruct-v1:0", "{\"prompt\":\"Hi\",\"max_gen_len\":8192}",
                malformed("#/max_gen_len: 8192 is not less or equal to 2048"));
    }

    @Test
    void titanEmbeddingsV1TakesNoV2Fields() {
        assertBodyRefused("amazon.titan-embed-text-v1", "{\"inputText\":\"hi\",\"dimensions\":256,\"normalize\":true}",
                malformed("#: extraneous key [dimensions] is not permitted#: extraneous key [normalize] is not permitted"));
        assertBodyRefused("amazon.titan-embed-text-v2:0", "{\"inputText\":\"hi\",\"dimensions\":300}",
                malformed("#/dimensions: 300 is not a valid enum value"));
    }

    /** A real 1 x 1 PNG: the server reads the image header. */
    static final String ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    @Test
    void cohereEmbedV3TakesImages() {
        InvokeModelResponse response = sync.invokeModel(r -> r.modelId("cohere.embed-english-v3").body(SdkBytes.fromUtf8String(
                "{\"images\":[\"data:image/png;base64," + ONE_PIXEL_PNG + "\"],\"input_type\":\"image\"}")));
        assertThat(response.body().asUtf8String()).contains("\"embeddings\":[[");
        assertBodyRefused("cohere.embed-english-v3", "{\"texts\":[\"a\"],\"images\":[\"data:image/png;base64,iVBORw0KGgo=\"],"
                + "\"input_type\":\"image\"}", malformed("#: 2 subschemas matched instead of one"));
        assertBodyRefused("cohere.embed-english-v3", "{\"input_type\":\"search_document\"}",
                malformed("#: required key [texts] not found#: required key [images] not found"));
    }

    @Test
    void nativeStreamsAreRefusedBeforeTheyStart() {
        assertThatThrownBy(() -> async.invokeModelWithResponseStream(r -> r.modelId("mistral.mistral-7b-instruct-v0:2")
                        .body(SdkBytes.fromUtf8String("{\"foo\":1}")), InvokeModelWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().build()).build()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo(malformed("#: required key [prompt] not found#: extraneous key [foo] is not permitted")));
    }

    // ------------------------------------------------------------------ agent runtime

    @Test
    void agentRuntimeRequestsFollowTheirServiceModel() {
        server.knowledgeBase("KB123").add("doc", "Refunds take five days.");
        assertThatThrownBy(() -> agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("refunds"))
                        .retrievalConfiguration(c -> c.vectorSearchConfiguration(v -> v.numberOfResults(0)))))
                .isInstanceOfSatisfying(software.amazon.awssdk.services.bedrockagentruntime.model.ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '0' at"
                            + " 'retrievalConfiguration.vectorSearchConfiguration.numberOfResults' failed to satisfy"
                            + " constraint: Member must have value greater than or equal to 1");
                });
        RetrieveResponse found = agentSync.retrieve(r -> r.knowledgeBaseId("KB123").retrievalQuery(q -> q.text("refunds")));
        assertThat(found.retrievalResults()).isNotEmpty();
    }

    // ------------------------------------------------------------------ lenient mode

    @Test
    void aLenientServerAnswersWhatBedrockRefuses() {
        server.lenient(true);
        assertThat(text(sync.converse(converse("acme.brand-new-model-v1:0", user("Hi"))))).isEqualTo("You said: Hi");
        assertThat(text(sync.converse(converse(HAIKU, user("Hi"), user("Again"))))).isEqualTo("You said: Again");
        assertThat(text(sync.converse(r -> r.modelId(HAIKU).inferenceConfig(c -> c.temperature(5.0f)).messages(user("Hi")))))
                .isEqualTo("You said: Hi");
        assertThat(sync.invokeModel(r -> r.modelId("amazon.titan-text-express-v1").body(SdkBytes.fromUtf8String(
                "{\"inputText\":\"Hi\",\"foo\":1}"))).body().asUtf8String()).contains("outputText");
        // malformed ids stay refused: nothing could answer them
        assertRefused(() -> sync.converse(converse("Anthropic.Claude-3-Haiku-20240307-v1:0", user("Hi"))),
                "The provided model identifier is invalid.");
        server.reset();
        assertRefused(() -> sync.converse(converse(HAIKU, user("Hi"), user("Again"))), ALTERNATE);
    }

    // ------------------------------------------------------------------ helpers

    static String text(software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse response) {
        return response.output().message().content().get(0).text();
    }

    static void assertStreamRefused(String modelId, List<Message> messages, String message) {
        assertThatThrownBy(() -> async.converseStream(r -> r.modelId(modelId).messages(messages),
                        ConverseStreamResponseHandler.builder()
                                .subscriber(ConverseStreamResponseHandler.Visitor.builder().build()).build()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }
}
