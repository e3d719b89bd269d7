package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.spi.JsonSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Image generation as AWS's examples call it (amazonTitanImage, nova/canvas and stabilityAi InvokeModel.java
 * in aws-doc-sdk-examples): real, small, deterministic images through the real SDK client.
 */
class LocalBedrockServerImageTest extends LocalServerTestBase {
    static final String TITAN = "amazon.titan-image-generator-v1";
    static final String CANVAS = "amazon.nova-canvas-v1:0";
    static final String CORE = "stability.stable-image-core-v1:0";
    static final String PROMPT = "A stylized picture of a cute old steampunk robot";

    private static JsonNode invoke(String modelId, String body) {
        return JsonSupport.parse(sync.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body)))
                .body().asByteArray());
    }

    private static String titan(String prompt, long seed) {
        return """
                {"taskType": "TEXT_IMAGE",
                 "textToImageParams": { "text": "%s" },
                 "imageGenerationConfig": { "seed": %d }}""".formatted(prompt, seed);
    }

    private static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("a readable image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] first(JsonNode answer) {
        return Base64.getDecoder().decode(answer.path("images").path(0).asText());
    }

    @Test
    void titanAnswersARealSmallPngThatDependsOnPromptAndSeed() {
        byte[] png = first(invoke(TITAN, titan(PROMPT, 42)));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1024);
        assertThat(png.length).as("small").isLessThan(20_000);

        assertThat(first(invoke(TITAN, titan(PROMPT, 42)))).as("the same prompt and seed").isEqualTo(png);
        assertThat(first(invoke(TITAN, titan(PROMPT, 43)))).as("another seed").isNotEqualTo(png);
        assertThat(first(invoke(TITAN, titan("A lighthouse at dawn", 42)))).as("another prompt").isNotEqualTo(png);
    }

    @Test
    void novaCanvasHonoursTheCountAndSize() {
        JsonNode answer = invoke(CANVAS, """
                {"taskType": "TEXT_IMAGE",
                 "textToImageParams": {"text": "%s", "negativeText": "blurry"},
                 "imageGenerationConfig": {"seed": 7, "quality": "standard", "numberOfImages": 3,
                                           "width": 512, "height": 320, "cfgScale": 6.5}}""".formatted(PROMPT));
        assertThat(answer.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("images");
        assertThat(answer.path("images")).hasSize(3);
        Set<String> distinct = new HashSet<>();
        for (JsonNode encoded : answer.path("images")) {
            BufferedImage image = read(Base64.getDecoder().decode(encoded.asText()));
            assertThat(image.getWidth()).isEqualTo(512);
            assertThat(image.getHeight()).isEqualTo(320);
            distinct.add(encoded.asText());
        }
        assertThat(distinct).as("each image of a batch differs").hasSize(3);
    }

    @Test
    void stabilityAnswersImagesSeedsAndFinishReasons() {
        JsonNode answer = invoke(CORE, "{\"prompt\": \"" + PROMPT + "\", \"seed\": 1234}");
        assertThat(answer.path("seeds").path(0).asLong()).isEqualTo(1234);
        assertThat(answer.path("finish_reasons")).hasSize(1);
        assertThat(answer.path("finish_reasons").path(0).isNull()).isTrue();
        BufferedImage image = read(first(answer));
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(1024);

        JsonNode wide = invoke("stability.sd3-5-large-v1:0", """
                {"prompt": "%s", "mode": "text-to-image", "aspect_ratio": "16:9", "output_format": "jpeg"}""".formatted(PROMPT));
        byte[] jpeg = first(wide);
        assertThat(jpeg).startsWith(0xFF, 0xD8);
        assertThat(read(jpeg).getWidth()).isGreaterThan(read(jpeg).getHeight());
        long seed = wide.path("seeds").path(0).asLong();
        assertThat(seed).as("a seed is chosen and reported when none is given").isPositive();
        assertThat(invoke("stability.sd3-5-large-v1:0", """
                {"prompt": "%s", "mode": "text-to-image", "aspect_ratio": "16:9", "output_format": "jpeg"}"""
                .formatted(PROMPT)).path("seeds").path(0).asLong()).isEqualTo(seed);
    }

    @Test
    void outOfRangeFieldsAreRefusedWithBedrocksMessage() {
        assertThatThrownBy(() -> invoke(CANVAS, """
                {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"x"},"imageGenerationConfig":{"numberOfImages":6}}"""))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Malformed input request: #/imageGenerationConfig/numberOfImages");
        assertThatThrownBy(() -> invoke(TITAN, "{\"taskType\":\"TEXT_IMAGE\",\"textToImageParams\":{}}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("required key [text] not found");
        assertThatThrownBy(() -> invoke(CORE, "{\"seed\": 1}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("required key [prompt] not found");
        assertThatThrownBy(() -> invoke(CORE, "{\"prompt\":\"x\",\"aspect_ratio\":\"7:3\"}"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("aspect_ratio");
    }

    @Test
    void imageModelsDoNotChatOrStream() {
        assertThatThrownBy(() -> sync.converse(r -> r.modelId(CANVAS)
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Draw a cat")))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("doesn't support the model");
        assertThatThrownBy(() -> async.invokeModelWithResponseStream(r -> r.modelId(TITAN)
                        .body(SdkBytes.fromUtf8String(titan(PROMPT, 1))),
                InvokeModelWithResponseStreamResponseHandler.builder()
                        .subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder().build()).build()).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(ValidationException.class);
    }

    @Test
    void aScriptedBodyIsSentAsIs() {
        server.model(CORE).reply(ModelReply.rawBody("{\"finish_reasons\":[\"Filter reason: prompt\"]}"));
        assertThat(invoke(CORE, "{\"prompt\":\"x\"}").path("finish_reasons").path(0).asText()).isEqualTo("Filter reason: prompt");
        server.anyModel().reply("a chat answer");
        server.model(CORE).reset();
        assertThat(invoke(CORE, "{\"prompt\":\"x\"}").path("images")).as("anyModel() scripts chat, not images").hasSize(1);
    }
}
