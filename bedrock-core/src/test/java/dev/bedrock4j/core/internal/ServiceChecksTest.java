package dev.bedrock4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.Preflight;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What Bedrock refuses in a request's content, found before sending, with the message Bedrock answers. */
class ServiceChecksTest {
    static final ModelInfo HAIKU = ModelCatalog.defaults().lookup("anthropic.claude-3-haiku-20240307-v1:0");
    static final ModelInfo SONNET_45 = ModelCatalog.defaults().lookup("us.anthropic.claude-sonnet-4-5-20250929-v1:0");
    static final ModelInfo NOVA = ModelCatalog.defaults().lookup("amazon.nova-pro-v1:0");
    static final ModelInfo UNKNOWN = ModelCatalog.defaults().lookup("acme.new-model-v1:0");

    /** PNG bytes of a given size whose header declares these dimensions. */
    static byte[] png(int width, int height, int size) {
        byte[] data = new byte[Math.max(size, 33)];
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(header, 0, data, 0, header.length);
        putInt(data, 16, width);
        putInt(data, 20, height);
        return data;
    }

    static void putInt(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 24);
        data[at + 1] = (byte) (value >>> 16);
        data[at + 2] = (byte) (value >>> 8);
        data[at + 3] = (byte) value;
    }

    static Preflight.Rejection rejection(ModelInfo model, Consumer<ChatRequest.Builder> request) {
        ChatRequest.Builder builder = ChatRequest.builder();
        request.accept(builder);
        ChatRequest built = builder.build();
        Preflight.Rejection rejection = Preflight.contentRejection(built, model).orElseThrow();
        // validateFor throws the same finding, as a pre-flight InvalidRequestException
        assertThatThrownBy(() -> built.validateFor(model)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).hasValue(rejection.field());
            assertThat(e.getMessage()).isEqualTo(rejection.message());
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.statusCode()).isZero();
        });
        return rejection;
    }

    static ContentBlock image(int bytes) {
        return ContentBlock.image(png(100, 100, bytes));
    }

    @Test
    void blankTextInAnyTurn() {
        Preflight.Rejection assistant = rejection(HAIKU, b -> b.user("Hi").message(Message.assistant("")).user("Again"));
        assertThat(assistant.field()).isEqualTo("messages[1].content[0].text");
        assertThat(assistant.message()).isEqualTo("messages[1].content[0] is an empty text block; Bedrock rejects blank"
                + " text, so put words in it or remove the block");
        assertThat(assistant.serviceMessage()).isEqualTo("The text field in the ContentBlock object at messages.1.content.0"
                + " is blank. Add text to the text field, and try again.");

        Preflight.Rejection inUserTurn = rejection(HAIKU, b -> b.user(ContentBlock.text("Look:"), ContentBlock.text(" \n")));
        assertThat(inUserTurn.field()).isEqualTo("messages[0].content[1].text");
        assertThat(inUserTurn.message()).startsWith("messages[0].content[1] is a blank text block");
    }

    @Test
    void blankSystemText() {
        Preflight.Rejection empty = rejection(HAIKU, b -> b.system(ContentBlock.text("")).user("Hi"));
        assertThat(empty.field()).isEqualTo("system[0].text");
        assertThat(empty.message()).isEqualTo("system[0] is an empty system prompt; Bedrock rejects blank text, so pass"
                + " the instructions or leave the system prompt out");
        assertThat(empty.serviceMessage()).isEqualTo("1 validation error detected: Value '' at 'system.1.member.text' failed"
                + " to satisfy constraint: Member must have length greater than or equal to 1");
        assertThat(rejection(HAIKU, b -> b.system(ContentBlock.text("  ")).user("Hi")).serviceMessage())
                .isEqualTo("The model returned the following errors: system: text content blocks must contain non-whitespace text");
    }

    @Test
    void anImageOverTheModelsSizeLimit() {
        Preflight.Rejection r = rejection(HAIKU, b -> b.user(ContentBlock.text("What is this?"), image(4 * 1024 * 1024)));
        assertThat(r.field()).isEqualTo("messages[0].content[1]");
        assertThat(r.message()).isEqualTo("messages[0].content[1] is an image of 4,194,304 bytes;"
                + " anthropic.claude-3-haiku-20240307-v1:0 accepts images of up to 3.75 MB (3,932,160 bytes; 5 MB once"
                + " base64-encoded), so scale it down or compress it");
        assertThat(r.serviceMessage()).isEqualTo("The model returned the following errors: messages.0.content.1.image.source"
                + ".bytes: image exceeds 5 MB maximum: 5592408 bytes > 5242880 bytes");
    }

    @Test
    void anImageOfExactlyTheLimitPasses() {
        assertThatCode(() -> ChatRequest.builder().user(ContentBlock.text("What is this?"), image(3_932_160)).build()
                .validateFor(HAIKU)).doesNotThrowAnyException();
    }

    @Test
    void imagesInToolResultsCountAndAreChecked() {
        ContentBlock.ToolResult screenshot = new ContentBlock.ToolResult("t1", List.of(image(5_000_000)), false);
        Preflight.Rejection r = rejection(HAIKU, b -> b.user("Take a screenshot")
                .message(Message.assistant(ContentBlock.toolUse("t1", "shoot", JsonSupport.object())))
                .message(Message.user(screenshot))
                .tools(dev.bedrock4j.core.chat.ToolDefinition.of("shoot", "Shoots.", JsonSupport.parse("{\"type\":\"object\"}"))));
        assertThat(r.field()).isEqualTo("messages[2].content[0].content[0]");
        assertThat(r.serviceMessage()).contains("messages.2.content.0.toolResult.content.0.image.source.bytes");
    }

    @Test
    void anImageWiderThanTheModelTakes() {
        Preflight.Rejection r = rejection(HAIKU, b -> b.user(ContentBlock.text("Read this"),
                ContentBlock.image(png(9000, 600, 1000))));
        assertThat(r.message()).isEqualTo("messages[0].content[1] is an image of 9,000 x 600 pixels;"
                + " anthropic.claude-3-haiku-20240307-v1:0 accepts at most 8,000 pixels a side, so scale it down");
        assertThat(r.serviceMessage()).endsWith("At least one of the image dimensions exceed max allowed size: 8000 pixels");
        assertThatCode(() -> ChatRequest.builder().user(ContentBlock.text("Read this"),
                ContentBlock.image(png(8000, 8000, 1000))).build().validateFor(HAIKU)).doesNotThrowAnyException();
    }

    @Test
    void moreImagesThanTheModelTakesAcrossTheHistory() {
        List<ContentBlock> first = new ArrayList<>(List.of(ContentBlock.text("Compare:")));
        List<ContentBlock> second = new ArrayList<>(List.of(ContentBlock.text("And these:")));
        for (int i = 0; i < 11; i++) {
            first.add(image(100));
            second.add(image(100));
        }
        Preflight.Rejection r = rejection(HAIKU, b -> b.message(Message.user(first.toArray(ContentBlock[]::new)))
                .assistant("Seen.").message(Message.user(second.toArray(ContentBlock[]::new))));
        assertThat(r.field()).isEqualTo("messages");
        assertThat(r.message()).isEqualTo("the request holds 22 images, the history and tool results included;"
                + " anthropic.claude-3-haiku-20240307-v1:0 accepts at most 20 per request, so send fewer or drop older ones"
                + " from the history");
        assertThat(r.serviceMessage()).isEqualTo("The model returned the following errors: messages: too many images and"
                + " documents: 22 + 0 > 20");
    }

    @Test
    void moreThanFiveDocuments() {
        List<ContentBlock> content = new ArrayList<>(List.of(ContentBlock.text("Summarise these")));
        for (int i = 0; i < 6; i++) {
            content.add(ContentBlock.document("txt", "Doc " + i, "hello".getBytes()));
        }
        Preflight.Rejection r = rejection(UNKNOWN, b -> b.message(Message.user(content.toArray(ContentBlock[]::new))));
        assertThat(r.message()).startsWith("the request holds 6 documents, the history and tool results included; Bedrock"
                + " accepts at most 5 per request");
        assertThat(r.serviceMessage()).isEqualTo("You can't include more than 5 documents in a request.");
    }

    @Test
    void aDocumentOverTheSizeLimitUnlessTheModelTakesItsFormatAtAnySize() {
        byte[] big = new byte[5_000_000];
        Preflight.Rejection r = rejection(HAIKU, b -> b.user(ContentBlock.text("Summarise"),
                ContentBlock.document("pdf", "Report", big)));
        assertThat(r.message()).isEqualTo("messages[0].content[1] is a document of 5,000,000 bytes;"
                + " anthropic.claude-3-haiku-20240307-v1:0 accepts documents of up to 4.5 MB (4,718,592 bytes), so split it");
        assertThat(r.serviceMessage()).isEqualTo("The document at messages.0.content.1 exceeds the maximum document size of 4.5 MB.");

        assertThat(rejection(SONNET_45, b -> b.user(ContentBlock.text("Summarise"), ContentBlock.document("csv", "Table", big)))
                .message()).endsWith("so split it, or send it as PDF, which this model takes at any size");
        assertThatCode(() -> ChatRequest.builder().user(ContentBlock.text("Summarise"),
                ContentBlock.document("pdf", "Report", big)).build().validateFor(SONNET_45)).doesNotThrowAnyException();
    }

    @Test
    void videosOverNovasLimits() {
        ContentBlock bigVideo = new ContentBlock.Video("mp4", MediaSource.bytes(new byte[20_000_000]));
        Preflight.Rejection size = rejection(NOVA, b -> b.user(ContentBlock.text("Describe"), bigVideo));
        assertThat(size.message()).isEqualTo("messages[0].content[1] is a video of 20,000,000 bytes; amazon.nova-pro-v1:0"
                + " accepts inline videos of up to 18.75 MB (19,660,800 bytes; 25 MB once base64-encoded), so upload it to"
                + " S3 and pass MediaSource.s3(\"s3://bucket/key\")");

        ContentBlock clip = new ContentBlock.Video("mp4", MediaSource.s3("s3://bucket/clip.mp4"));
        assertThat(rejection(NOVA, b -> b.user(ContentBlock.text("Compare"), clip, clip)).message())
                .startsWith("the request holds 2 videos, the history included; amazon.nova-pro-v1:0 accepts at most 1");
        // Nova takes large images inline, within its 25 MB payload
        assertThatCode(() -> ChatRequest.builder().user(ContentBlock.text("What is this?"), image(10_000_000)).build()
                .validateFor(NOVA)).doesNotThrowAnyException();
    }

    @Test
    void maxTokensOverTheModelsOutputLimit() {
        Preflight.Rejection r = rejection(HAIKU, b -> b.user("Write a novel").maxTokens(1_000_000));
        assertThat(r.field()).isEqualTo("maxTokens");
        assertThat(r.message()).isEqualTo("maxTokens is 1000000, but anthropic.claude-3-haiku-20240307-v1:0 writes at most"
                + " 4096 tokens per answer; set maxTokens to 4096 or less");
        assertThat(r.serviceMessage()).isEqualTo("The maximum tokens you requested exceeds the model limit of 4096. Try again"
                + " with a maximum tokens value that is lower than 4096.");
        assertThatCode(() -> ChatRequest.builder().user("Hi").maxTokens(4096).build().validateFor(HAIKU))
                .doesNotThrowAnyException();
    }

    @Test
    void unknownLimitsAreNotChecked() {
        // a model the catalog does not know, and a known one whose output limit no model card gives
        assertThatCode(() -> ChatRequest.builder().user(ContentBlock.text("Hi"), image(30 * 1024 * 1024))
                .maxTokens(1_000_000).build().validateFor(UNKNOWN)).doesNotThrowAnyException();
        assertThatCode(() -> ChatRequest.builder().user("Hi").maxTokens(1_000_000).build().validateFor(NOVA))
                .doesNotThrowAnyException();
        // an Anthropic beta can raise the output limit, so it is left to Bedrock
        assertThatCode(() -> ChatRequest.builder().user("Hi").maxTokens(128_000)
                .additionalModelRequestFields(JsonSupport.parse("{\"anthropic_beta\":[\"output-128k-2025-02-19\"]}"))
                .build().validateFor(ModelCatalog.defaults().lookup("anthropic.claude-3-7-sonnet-20250219-v1:0")))
                .doesNotThrowAnyException();
    }

    @Test
    void readsImageDimensionsFromTheHeader() {
        assertThat(ImageSize.of(png(640, 480, 100))).containsExactly(640, 480);
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', (byte) 0x40, 0x1F, 0x10, 0x00};
        assertThat(ImageSize.of(gif)).containsExactly(8000, 16);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 4, 0, 0,
            (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0x23, 0x28, 0x1F, 0x40, 3, 0, 0, 0};
        assertThat(ImageSize.of(jpeg)).containsExactly(8000, 9000);
        byte[] webp = new byte[30];
        byte[] head = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X'};
        System.arraycopy(head, 0, webp, 0, head.length);
        webp[24] = (byte) 0x27;                 // width - 1 = 10_023, little-endian
        webp[25] = (byte) 0x27;
        webp[27] = 99;                          // height - 1 = 99
        assertThat(ImageSize.of(webp)).containsExactly(10_024, 100);
        assertThat(ImageSize.of(new byte[] {1, 2, 3})).isNull();
        assertThat(ImageSize.of(java.util.Arrays.copyOf(jpeg, 6))).isNull();
    }
}
