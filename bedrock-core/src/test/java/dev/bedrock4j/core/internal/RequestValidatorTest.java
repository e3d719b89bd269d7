package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaFormat;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.ToolChoice;
import dev.bedrock4j.core.chat.ToolDefinition;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RequestValidatorTest {
    static final ModelInfo CLAUDE = ModelCatalog.defaults().lookup("anthropic.claude-3-7-sonnet-20250219-v1:0");
    static final ModelInfo TITAN = ModelCatalog.defaults().lookup("amazon.titan-text-express-v1");
    static final ModelInfo HAIKU_35 = ModelCatalog.defaults().lookup("anthropic.claude-3-5-haiku-20241022-v1:0");
    static final ToolDefinition TOOL = ToolDefinition.of("lookup", "Looks up.",
            JsonSupport.parse("{\"type\":\"object\",\"properties\":{}}"));

    static void assertRejected(ModelInfo model, Consumer<ChatRequest.Builder> request, String field, String messagePart) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        assertThatThrownBy(() -> builder.build().validateFor(model))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.field()).hasValue(field);
                    org.assertj.core.api.Assertions.assertThat(e.isRetryable()).isFalse();
                    org.assertj.core.api.Assertions.assertThat(e.statusCode()).isZero();
                })
                .hasMessageContaining(messagePart);
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThatCode(() -> ChatRequest.builder().system("s").user("u").assistant("a").user("u2")
                .temperature(0).topP(1).maxTokens(1).tools(TOOL).toolChoice(ToolChoice.tool("lookup"))
                .build().validateFor(CLAUDE)).doesNotThrowAnyException();
    }

    @Test
    void noMessages() {
        assertRejected(CLAUDE, b -> b.system("s"), "messages", "no messages");
    }

    @Test
    void firstTurnNotTheUsers() {
        assertRejected(CLAUDE, b -> b.assistant("hi"), "messages[0].role", "first turn must be the user's");
    }

    @Test
    void twoTurnsOfOneRoleInARow() {
        assertRejected(CLAUDE, b -> b.user("a").user("b"), "messages[1].role", "both user turns");
        assertRejected(CLAUDE, b -> b.user("a").assistant("b").assistant("c"), "messages[2].role", "alternate");
    }

    @Test
    void emptyTurn() {
        assertRejected(CLAUDE, b -> b.message(Message.user()), "messages[0].content", "no content");
    }

    @Test
    void temperatureAndTopPOutOfRange() {
        assertRejected(CLAUDE, b -> b.user("x").temperature(1.7), "temperature", "between 0.0 and 1.0, was 1.7");
        assertRejected(CLAUDE, b -> b.user("x").temperature(-0.1), "temperature", "was -0.1");
        assertRejected(CLAUDE, b -> b.user("x").temperature(Double.NaN), "temperature", "NaN");
        assertRejected(CLAUDE, b -> b.user("x").topP(1.01), "topP", "between 0.0 and 1.0");
    }

    @Test
    void maxTokensNotPositive() {
        assertRejected(CLAUDE, b -> b.user("x").maxTokens(0), "maxTokens", "at least 1, was 0");
        assertRejected(CLAUDE, b -> b.user("x").maxTokens(-5), "maxTokens", "was -5");
    }

    @Test
    void emptyStopSequence() {
        assertRejected(CLAUDE, b -> b.user("x").stopSequences("END", ""), "stopSequences[1]", "must not be empty");
    }

    @Test
    void imageAndDocumentFormatsBedrockDoesNotAccept() {
        assertThatThrownBy(() -> MediaFormat.image("bmp")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.field()).hasValue("image.format"))
                .hasMessageContaining("'bmp' is not accepted").hasMessageContaining("png");
        assertThatThrownBy(() -> ContentBlock.document("exe", "x", new byte[1]))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("document.format 'exe'");
        assertThatThrownBy(() -> ContentBlock.image(new byte[] {1, 2, 3, 4}))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a PNG, JPEG, GIF or WebP");
        assertThatCode(() -> MediaFormat.image("JPG")).doesNotThrowAnyException();
    }

    @Test
    void documentNameBedrockRejects() {
        assertRejected(CLAUDE, b -> b.user(ContentBlock.text("read"), ContentBlock.document("pdf", "report_v2.pdf", new byte[1])),
                "messages[0].content[1].name", "document name 'report_v2.pdf' is rejected");
    }

    @Test
    void moreThanFourCachePoints() {
        assertRejected(CLAUDE, b -> b.system("s").cachePoint().user("a").cachePoint().assistant("b").cachePoint()
                .user("c").cachePoint().tools(TOOL).cacheTools(), "cachePoint", "5 cache points; Bedrock accepts at most 4");
    }

    @Test
    void toolNamesBedrockRejects() {
        ToolDefinition bad = ToolDefinition.of("get weather!", "x", JsonSupport.parse("{\"type\":\"object\"}"));
        assertRejected(CLAUDE, b -> b.user("x").tools(bad), "tools[0].name", "e.g. 'get_weather_'");
        ToolDefinition tooLong = ToolDefinition.of("a".repeat(65), "x", JsonSupport.parse("{\"type\":\"object\"}"));
        assertRejected(CLAUDE, b -> b.user("x").tools(tooLong), "tools[0].name", "1 to 64");
        assertRejected(CLAUDE, b -> b.user("x").tools(TOOL, TOOL), "tools[1].name", "offered twice");
        ToolDefinition notObject = ToolDefinition.of("t", "x", JsonSupport.parse("{\"type\":\"string\"}"));
        assertRejected(CLAUDE, b -> b.user("x").tools(notObject), "tools[0].inputSchema", "\"type\": \"object\"");
    }

    @Test
    void toolChoiceWithoutMatchingTool() {
        assertRejected(CLAUDE, b -> b.user("x").toolChoice(ToolChoice.any()), "toolChoice", "no tools are offered");
        assertRejected(CLAUDE, b -> b.user("x").tools(TOOL).toolChoice(ToolChoice.tool("other")), "toolChoice",
                "names 'other'");
    }

    @Test
    void toolBlocksWithoutToolDefinitions() {
        assertRejected(CLAUDE, b -> b.user("x").assistant("y")
                        .message(Message.user(ContentBlock.toolResult("t1", "42"))),
                "tools", "pass the same tools again");
    }

    @Test
    void blocksInTheWrongRole() {
        assertRejected(CLAUDE, b -> b.tools(TOOL).user(ContentBlock.toolUse("t", "lookup", JsonSupport.object())),
                "messages[0].content[0]", "tool calls belong to assistant turns");
        assertRejected(CLAUDE, b -> b.user(new ContentBlock.Reasoning("r", null)), "messages[0].content[0]",
                "reasoning blocks belong to assistant turns");
        assertRejected(CLAUDE, b -> b.user(new ContentBlock.Json(JsonSupport.object())), "messages[0].content[0]",
                "only valid inside a tool result");
        assertRejected(CLAUDE, b -> b.system(ContentBlock.image(ConverseCodecTest.PNG)).user("x"), "system[0]",
                "system prompts take only text");
    }

    @Test
    void imagesAndVideosWhoseSourceIsText() {
        assertRejected(CLAUDE, b -> b.user(new ContentBlock.Image("png", MediaSource.text("a cat"))),
                "messages[0].content[0].source", "an image comes from bytes or an S3 object, not text");
        ModelInfo nova = ModelCatalog.defaults().lookup("amazon.nova-pro-v1:0");
        assertRejected(nova, b -> b.tools(TOOL).user("x")
                        .message(Message.assistant(ContentBlock.toolUse("t", "lookup", JsonSupport.object())))
                        .user(new ContentBlock.ToolResult("t", List.of(new ContentBlock.Video("mp4",
                                new MediaSource.TextParts(List.of("a")))), false)),
                "messages[2].content[0].content[0].source", "a video comes from bytes or an S3 object");
    }

    @Test
    void featuresTheCatalogKnowsTheModelLacks() {
        assertRejected(TITAN, b -> b.system("be nice").user("x"), "system", "does not accept a system prompt");
        assertRejected(TITAN, b -> b.user("x").tools(TOOL), "tools", "does not support tool use");
        assertRejected(TITAN, b -> b.user(ContentBlock.image(ConverseCodecTest.PNG)), "messages[0].content[0]",
                "does not accept images");
        assertRejected(TITAN, b -> b.user("x").cachePoint(), "cachePoint", "does not support prompt caching");
        assertRejected(HAIKU_35, b -> b.user(ContentBlock.image(ConverseCodecTest.PNG)), "messages[0].content[0]",
                "anthropic.claude-3-5-haiku-20241022-v1:0 does not accept images");
        assertRejected(CLAUDE, b -> b.user(new ContentBlock.Video("mp4", dev.bedrock4j.core.chat.MediaSource.s3("s3://b/v.mp4"))),
                "messages[0].content[0]", "does not accept video");
    }

    @Test
    void unknownModelsAreNotBlocked() {
        ModelInfo unknown = ModelCatalog.defaults().lookup("acme.future-model-v9");
        assertThatCode(() -> ChatRequest.builder().system("s").user(ContentBlock.image(ConverseCodecTest.PNG))
                .tools(TOOL).build().validateFor(unknown)).doesNotThrowAnyException();
    }
}
