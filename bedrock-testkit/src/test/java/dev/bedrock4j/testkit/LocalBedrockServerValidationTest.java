package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.DocumentFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ImageFormat;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** The real SDK clients meet what Bedrock refuses up front as Bedrock answers it: HTTP 400 and its message. */
class LocalBedrockServerValidationTest extends LocalServerTestBase {
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";

    static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            assertThat(e.numAttempts()).isEqualTo(1);
        });
    }

    static ContentBlock text(String text) {
        return ContentBlock.fromText(text);
    }

    static Consumer<ConverseRequest.Builder> user(String modelId, ContentBlock... content) {
        return r -> r.modelId(modelId).messages(m -> m.role(ConversationRole.USER).content(content));
    }

    @Test
    void blankTextIsRefusedOnceAndNotAnswered() {
        server.model(HAIKU).reply("The scripted answer.");
        assertRefused(() -> sync.converse(user(HAIKU, text("What is on the menu?"), text("  "))),
                "The text field in the ContentBlock object at messages.0.content.1 is blank. Add text to the text field,"
                        + " and try again.");
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).system(s -> s.text(""))
                        .messages(m -> m.role(ConversationRole.USER).content(text("Hi")))),
                "1 validation error detected: Value '' at 'system.1.member.text' failed to satisfy constraint: Member must"
                        + " have length greater than or equal to 1");
        assertThat(server.requests()).hasSize(2);
        // the refused requests left the script as it was
        assertThat(sync.converse(user(HAIKU, text("Hi"))).output().message().content().get(0).text())
                .isEqualTo("The scripted answer.");
    }

    @Test
    void streamsAreRefusedBeforeTheyStart() {
        assertThatThrownBy(() -> async.converseStream(r -> r.modelId(HAIKU).messages(m -> m.role(ConversationRole.USER)
                        .content(text(""))), ConverseStreamResponseHandler.builder()
                        .subscriber(ConverseStreamResponseHandler.Visitor.builder().build()).build()).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to"
                                + " the text field, and try again."));
    }

    @Test
    void maxTokensOverTheModelsOutputLimit() {
        assertRefused(() -> sync.converse(r -> r.modelId(HAIKU).inferenceConfig(c -> c.maxTokens(1_000_000))
                        .messages(m -> m.role(ConversationRole.USER).content(text("Write a novel")))),
                "The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum tokens value"
                        + " that is lower than 4096.");
    }

    @Test
    void mediaOverTheModelsLimits() {
        ContentBlock bigImage = ContentBlock.fromImage(i -> i.format(ImageFormat.PNG)
                .source(s -> s.bytes(SdkBytes.fromByteArray(png(4 * 1024 * 1024)))));
        assertRefused(() -> sync.converse(user(HAIKU, text("What is this?"), bigImage)), "The model returned the following"
                + " errors: messages.0.content.1.image.source.bytes: image exceeds 5 MB maximum: 5592408 bytes > 5242880 bytes");

        ContentBlock[] content = new ContentBlock[7];
        content[0] = text("Summarise these");
        for (int i = 1; i < content.length; i++) {
            int n = i;
            content[i] = ContentBlock.fromDocument(d -> d.format(DocumentFormat.TXT).name("Doc " + n)
                    .source(s -> s.bytes(SdkBytes.fromUtf8String("hello"))));
        }
        assertRefused(() -> sync.converse(user(HAIKU, content)), "You can't include more than 5 documents in a request.");
    }

    @Test
    void idsThatAreLikelyTyposOfKnownOnesAreInvalidUnlessScripted() {
        String typo = "anthropic.claude-3-haiku-20240307-v1";
        assertRefused(() -> sync.converse(user(typo, text("Hi"))), "The provided model identifier is invalid.");
        assertRefused(() -> sync.converse(user("us.anthropic.claude-3-haiku-20240307-v1", text("Hi"))),
                "The provided model identifier is invalid.");
        assertRefused(() -> sync.converse(user("Anthropic.Claude-3-Haiku-20240307-v1:0", text("Hi"))),
                "The provided model identifier is invalid.");
        assertRefused(() -> sync.invokeModel(r -> r.modelId("amazon.titan-embed-text-v2")
                .body(SdkBytes.fromUtf8String("{\"inputText\":\"hi\"}"))), "The provided model identifier is invalid.");

        // ids far from every known one are not Bedrock's either, unless the test declares them (see
        // LocalBedrockServerStrictnessTest)
        assertRefused(() -> sync.converse(user("acme.brand-new-model-v1:0", text("Hi"))),
                "The provided model identifier is invalid.");
        // and a test that scripts an id means it to exist
        server.model(typo).reply("Served.");
        assertThat(sync.converse(user(typo, text("Hi"))).output().message().content().get(0).text()).isEqualTo("Served.");
        assertThat(server.requests()).hasSize(6);
    }

    /** PNG bytes of a given size with a valid header (100 x 100). */
    static byte[] png(int size) {
        byte[] data = new byte[size];
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 100,
            0, 0, 0, 100};
        System.arraycopy(header, 0, data, 0, header.length);
        return data;
    }
}
