package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.RenderedRequest;
import dev.bedrock4j.core.image.GeneratedImage;
import dev.bedrock4j.core.image.ImageModel;
import dev.bedrock4j.core.image.ImageRequestSpec.Quality;
import dev.bedrock4j.core.image.ImageResponse;
import dev.bedrock4j.core.image.ImageTask;
import dev.bedrock4j.core.image.InputImage;
import dev.bedrock4j.core.image.Mask;
import dev.bedrock4j.core.spi.JsonSupport;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/**
 * Image generation through {@code bedrock.images(id)}: the request each family's native body is written as (checked
 * field by field against the model-parameter pages), each task type, seeds, and the pre-flight checks that stop a
 * request before it is sent; through the real SDK client and the local server, which refuses what Bedrock refuses.
 */
class ImageModelOverTheWireTest extends LocalServerTestBase {
    static final String TITAN = "amazon.titan-image-generator-v2:0";
    static final String TITAN_V1 = "amazon.titan-image-generator-v1";
    static final String CANVAS = "amazon.nova-canvas-v1:0";
    static final String SD35 = "stability.sd3-5-large-v1:0";
    static final String CORE = "stability.stable-image-core-v1:1";
    static final String ULTRA = "stability.stable-image-ultra-v1:1";
    static final Bedrock bedrock = Bedrock.builder().runtimeClient(sync).build();

    @AfterAll
    static void close() {
        bedrock.close();
    }

    private static JsonNode sentBody() {
        return server.lastRequest().json();
    }

    static InputImage png(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return InputImage.of(out.toByteArray());
    }

    /** A WebP header (VP8X chunk) of the given size; the JDK writes no WebP, and only the header is read. */
    static InputImage webp(int width, int height) {
        byte[] b = new byte[30];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = 22;
        System.arraycopy("WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        b[16] = 10;
        int w = width - 1;
        int h = height - 1;
        b[24] = (byte) w;
        b[25] = (byte) (w >> 8);
        b[26] = (byte) (w >> 16);
        b[27] = (byte) h;
        b[28] = (byte) (h >> 8);
        b[29] = (byte) (h >> 16);
        return InputImage.of(b);
    }

    private static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ each family's body

    @Test
    void titanTextToImageWritesTheDocumentedBodyAndAnswersRealPngsOfTheAskedSize() {
        ImageResponse response = bedrock.images(TITAN).generate()
                .prompt("a lighthouse on a cliff at dusk")
                .negativePrompt("people, boats")
                .size(1152, 768)
                .count(2)
                .seed(42)
                .guidance(7.5)
                .quality(Quality.PREMIUM)
                .call();

        assertThat(sentBody()).isEqualTo(JsonSupport.parse("""
                {"taskType":"TEXT_IMAGE",
                 "textToImageParams":{"text":"a lighthouse on a cliff at dusk","negativeText":"people, boats"},
                 "imageGenerationConfig":{"numberOfImages":2,"width":1152,"height":768,"quality":"premium",
                                          "cfgScale":7.5,"seed":42}}"""));
        assertThat(response.modelId()).isEqualTo(TITAN);
        assertThat(response.images()).hasSize(2).allSatisfy(image -> {
            assertThat(image.format()).isEqualTo("png");
            assertThat(image.width()).isEqualTo(1152);
            assertThat(image.height()).isEqualTo(768);
            assertThat(image.seed()).isEqualTo(42);
            BufferedImage decoded = decode(image.bytes());
            assertThat(decoded.getWidth()).isEqualTo(1152);
            assertThat(decoded.getHeight()).isEqualTo(768);
        });
        assertThat(response.images().get(0).bytes()).as("each image of a batch differs")
                .isNotEqualTo(response.images().get(1).bytes());
    }

    @Test
    void theSameSeedMakesTheSameImageAndAnotherSeedAnother() {
        ImageModel titan = bedrock.images(TITAN);
        byte[] first = titan.generate().prompt("a red fox in snow").seed(7).call().first().bytes();
        byte[] again = titan.generate().prompt("a red fox in snow").seed(7).call().first().bytes();
        byte[] other = titan.generate().prompt("a red fox in snow").seed(8).call().first().bytes();
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withoutASeedARandomOneIsSentAndReportedSoTheImageCanBeMadeAgain() {
        ImageModel canvas = bedrock.images(CANVAS);
        List<Long> seeds = new ArrayList<>();
        GeneratedImage image = null;
        for (int i = 0; i < 3; i++) {
            image = canvas.generate().prompt("a red fox in snow").call().first();
            long sent = sentBody().path("imageGenerationConfig").path("seed").asLong(-1);
            assertThat(image.seed()).isEqualTo(sent).isBetween(0L, 2_147_483_646L);
            seeds.add(image.seed());
        }
        assertThat(seeds).as("three random seeds").doesNotHaveDuplicates();
        byte[] remade = canvas.generate().prompt("a red fox in snow").seed(image.seed()).call().first().bytes();
        assertThat(remade).isEqualTo(image.bytes());
    }

    @Test
    void novaCanvasTakesAStyleAndAnySizeInItsRange() {
        GeneratedImage image = bedrock.images(CANVAS).generate()
                .prompt("a city at night").style("FLAT_VECTOR_ILLUSTRATION").size(1280, 720).seed(3).call().first();
        assertThat(sentBody()).isEqualTo(JsonSupport.parse("""
                {"taskType":"TEXT_IMAGE",
                 "textToImageParams":{"text":"a city at night","style":"FLAT_VECTOR_ILLUSTRATION"},
                 "imageGenerationConfig":{"numberOfImages":1,"width":1280,"height":720,"seed":3}}"""));
        assertThat(image.width()).isEqualTo(1280);
        assertThat(image.height()).isEqualTo(720);
    }

    @Test
    void stabilityTakesAnAspectRatioAndReportsTheSeedItPicked() {
        GeneratedImage image = bedrock.images(SD35).generate()
                .prompt("a castle in the clouds").negativePrompt("text").aspectRatio("16:9").call().first();
        assertThat(sentBody()).isEqualTo(JsonSupport.parse("""
                {"prompt":"a castle in the clouds","negative_prompt":"text","aspect_ratio":"16:9","output_format":"png"}"""));
        assertThat(image.width()).isEqualTo(1344);
        assertThat(image.height()).isEqualTo(768);
        assertThat(image.seed()).isPositive();

        GeneratedImage again = bedrock.images(SD35).generate().prompt("a castle in the clouds").negativePrompt("text")
                .aspectRatio("16:9").seed(image.seed()).call().first();
        assertThat(sentBody().path("seed").asLong()).isEqualTo(image.seed());
        assertThat(again.bytes()).isEqualTo(image.bytes());
    }

    @Test
    void aStabilitySizeIsWrittenAsItsAspectRatio() {
        GeneratedImage image = bedrock.images(CORE).generate().prompt("a harbour").size(832, 1216).seed(11).call().first();
        assertThat(sentBody()).isEqualTo(JsonSupport.parse("""
                {"prompt":"a harbour","aspect_ratio":"2:3","seed":11,"output_format":"png"}"""));
        assertThat(image.width()).isEqualTo(832);
        assertThat(image.seed()).isEqualTo(11);
    }

    // ------------------------------------------------------------------ task types

    @Test
    void variationsOfSeveralImagesKeepTheSizeOfTheFirst() {
        InputImage a = png(512, 512, Color.RED);
        InputImage b = png(512, 512, Color.BLUE);
        ImageResponse response = bedrock.images(TITAN).generate()
                .variationOf(a, b).similarity(0.8).prompt("in autumn colours").count(3).seed(5).call();
        JsonNode body = sentBody();
        assertThat(body.path("taskType").asText()).isEqualTo("IMAGE_VARIATION");
        assertThat(body.path("imageVariationParams").path("images")).hasSize(2);
        assertThat(Base64.getDecoder().decode(body.path("imageVariationParams").path("images").path(1).asText()))
                .isEqualTo(b.bytes());
        assertThat(body.path("imageVariationParams").path("similarityStrength").asDouble()).isEqualTo(0.8);
        assertThat(body.path("imageVariationParams").path("text").asText()).isEqualTo("in autumn colours");
        assertThat(response.images()).hasSize(3).allSatisfy(i -> assertThat(i.width()).isEqualTo(512));
    }

    @Test
    void stabilityVariationIsImageToImageWithStrengthFromTheSimilarity() {
        InputImage photo = png(640, 480, Color.GREEN);
        GeneratedImage image = bedrock.images(SD35).generate()
                .variationOf(photo).similarity(0.7).prompt("as an oil painting").seed(9).call().first();
        JsonNode body = sentBody();
        assertThat(body.path("mode").asText()).isEqualTo("image-to-image");
        assertThat(body.path("strength").asDouble()).isEqualTo(0.3);
        assertThat(body.has("aspect_ratio")).isFalse();
        assertThat(Base64.getDecoder().decode(body.path("image").asText())).isEqualTo(photo.bytes());
        assertThat(image.width()).isEqualTo(640);
        assertThat(image.height()).isEqualTo(480);

        // strength runs 0 to 1, so a similarity below Amazon's 0.2 is Stability's to take
        bedrock.images(SD35).generate().variationOf(photo).similarity(0.0).prompt("loosely").call();
        assertThat(sentBody().path("strength").asDouble()).isEqualTo(1.0);
    }

    @Test
    void stableImageUltraVariesAnImageWithoutAModeAndKeepsItsDefaultStrength() {
        InputImage photo = png(640, 480, Color.GREEN);
        GeneratedImage image = bedrock.images(ULTRA).generate().variationOf(photo).prompt("as a sketch").seed(9).call()
                .first();
        JsonNode body = sentBody();
        assertThat(body.has("mode")).as("Ultra's only documented mode is text-to-image").isFalse();
        assertThat(body.has("strength")).as("Ultra defaults strength to 0.35").isFalse();
        assertThat(Base64.getDecoder().decode(body.path("image").asText())).isEqualTo(photo.bytes());
        assertThat(image.width()).isEqualTo(640);

        bedrock.images(ULTRA).generate().variationOf(photo).similarity(0.9).prompt("as a sketch").call();
        assertThat(sentBody().path("strength").asDouble()).isEqualTo(0.1);
        assertThat(sentBody().has("mode")).isFalse();
    }

    @Test
    void stabilityTakesAWebpImageToVary() {
        InputImage photo = webp(800, 600);
        GeneratedImage image = bedrock.images(SD35).generate().variationOf(photo).prompt("at night").call().first();
        assertThat(Base64.getDecoder().decode(sentBody().path("image").asText())).isEqualTo(photo.bytes());
        assertThat(image.width()).isEqualTo(800);
        assertThat(image.height()).isEqualTo(600);
    }

    @Test
    void titanV1VariesUpToFiveImagesLikeV2() {
        InputImage a = png(512, 512, Color.RED);
        ImageResponse response = bedrock.images(TITAN_V1).generate().variationOf(a, a, a, a, a).seed(3).call();
        assertThat(sentBody().path("imageVariationParams").path("images")).hasSize(5);
        assertThat(response.images()).hasSize(1);
    }

    @Test
    void titanTakesInputImagesUpTo1408PixelsOnTheLongerSideAndCanvasLarger() {
        InputImage wide = png(1408, 768, Color.BLUE);
        assertThat(bedrock.images(TITAN).generate().variationOf(wide).seed(1).call().first().width()).isEqualTo(1408);
        InputImage wider = png(1600, 800, Color.BLUE);
        assertThat(bedrock.images(CANVAS).generate().variationOf(wider).seed(1).call().first().width()).isEqualTo(1600);
        assertThat(bedrock.images(TITAN).generate().removeBackground(wider).call().first().width())
                .as("the page sets no input size for background removal").isEqualTo(1600);
    }

    @Test
    void novaCanvasOutpaintsWithoutAPrompt() {
        InputImage room = png(512, 512, Color.WHITE);
        GeneratedImage image = bedrock.images(CANVAS).generate().outpaint(room, Mask.prompt("the chair")).seed(2).call()
                .first();
        assertThat(sentBody().path("outPaintingParams").has("text")).isFalse();
        assertThat(image.width()).isEqualTo(512);
    }

    @Test
    void inpaintingWithAMaskPromptAndOutpaintingWithAMaskImageKeepTheInputSize() {
        InputImage room = png(768, 512, Color.WHITE);
        GeneratedImage inpainted = bedrock.images(CANVAS).generate()
                .inpaint(room, Mask.prompt("the sofa")).prompt("a green velvet sofa").seed(1).call().first();
        assertThat(sentBody()).isEqualTo(JsonSupport.parse("""
                {"taskType":"INPAINTING",
                 "inPaintingParams":{"image":"%s","text":"a green velvet sofa","maskPrompt":"the sofa"},
                 "imageGenerationConfig":{"numberOfImages":1,"seed":1}}""".formatted(
                Base64.getEncoder().encodeToString(room.bytes()))));
        assertThat(inpainted.width()).isEqualTo(768);
        assertThat(inpainted.height()).isEqualTo(512);

        InputImage mask = png(768, 512, Color.WHITE);
        GeneratedImage outpainted = bedrock.images(TITAN).generate()
                .outpaint(room, Mask.image(mask)).prompt("a garden outside the window").seed(1).call().first();
        JsonNode params = sentBody().path("outPaintingParams");
        assertThat(sentBody().path("taskType").asText()).isEqualTo("OUTPAINTING");
        assertThat(params.path("maskImage").asText()).isEqualTo(Base64.getEncoder().encodeToString(mask.bytes()));
        assertThat(params.path("outPaintingMode").asText()).isEqualTo("DEFAULT");
        assertThat(params.has("maskPrompt")).isFalse();
        assertThat(outpainted.width()).isEqualTo(768);
        assertThat(outpainted.bytes()).isNotEqualTo(inpainted.bytes());
    }

    @Test
    void inpaintingWithoutAPromptRemovesWhatTheMaskCovers() {
        bedrock.images(TITAN).generate().inpaint(png(512, 512, Color.GRAY), Mask.prompt("the cat")).seed(2).call();
        assertThat(sentBody().path("inPaintingParams").has("text")).isFalse();
    }

    @Test
    void backgroundRemovalSendsTheImageAlone() {
        InputImage product = png(600, 400, Color.YELLOW);
        GeneratedImage cut = bedrock.images(TITAN).generate().removeBackground(product).call().first();
        assertThat(sentBody()).isEqualTo(JsonSupport.parse("""
                {"taskType":"BACKGROUND_REMOVAL","backgroundRemovalParams":{"image":"%s"}}""".formatted(
                Base64.getEncoder().encodeToString(product.bytes()))));
        assertThat(cut.width()).isEqualTo(600);
        assertThat(cut.height()).isEqualTo(400);
    }

    @Test
    void colourGuidedGenerationSendsThePaletteAndTheReferenceImage() {
        InputImage reference = png(512, 512, Color.ORANGE);
        bedrock.images(CANVAS).generate().prompt("a poster of a jazz festival").colors("#FF8080", "#004080")
                .referenceImage(reference).seed(4).call();
        JsonNode body = sentBody();
        assertThat(body.path("taskType").asText()).isEqualTo("COLOR_GUIDED_GENERATION");
        assertThat(body.path("colorGuidedGenerationParams").path("colors"))
                .isEqualTo(JsonSupport.parse("[\"#ff8080\",\"#004080\"]"));
        assertThat(body.path("colorGuidedGenerationParams").path("referenceImage").asText())
                .isEqualTo(Base64.getEncoder().encodeToString(reference.bytes()));
    }

    @Test
    void aGeneratedImageFeedsTheNextRequest() {
        GeneratedImage image = bedrock.images(CANVAS).generate().prompt("a teapot").size(512, 512).seed(6).call().first();
        GeneratedImage cut = bedrock.images(CANVAS).generate().removeBackground(image.asInput()).call().first();
        assertThat(cut.width()).isEqualTo(512);
    }

    @Test
    void supportsSaysWhichTasksEachModelDoes() {
        assertThat(bedrock.images(CANVAS).supports(ImageTask.BACKGROUND_REMOVAL)).isTrue();
        assertThat(bedrock.images(TITAN_V1).supports(ImageTask.COLOR_GUIDED)).isFalse();
        assertThat(bedrock.images(CORE).supports(ImageTask.IMAGE_VARIATION)).isFalse();
        assertThat(bedrock.images(SD35).supports(ImageTask.IMAGE_VARIATION)).isTrue();
        assertThat(bedrock.images(ULTRA).supports(ImageTask.INPAINTING)).isFalse();
    }

    // ------------------------------------------------------------------ saving, rendering

    @Test
    void saveWritesTheBytesTheModelSent(@TempDir Path dir) throws IOException {
        GeneratedImage image = bedrock.images(TITAN).generate().prompt("a boat").size(512, 512).seed(1).call().first();
        Path file = image.save(dir.resolve("out/boat." + image.format()));
        assertThat(file).hasFileName("boat.png");
        assertThat(Files.readAllBytes(file)).isEqualTo(image.bytes());
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(512);
    }

    @Test
    void renderShowsTheBodyAndTheCliLineWithoutSendingAnything() {
        RenderedRequest view = bedrock.images(TITAN).generate().prompt("it's a dog").size(512, 512).seed(3).render();
        assertThat(server.requests()).isEmpty();
        assertThat(view.modelId()).isEqualTo(TITAN);
        assertThat(view.cli()).startsWith("aws bedrock-runtime invoke-model \\\n  --model-id '" + TITAN + "'")
                .contains("--cli-binary-format raw-in-base64-out")
                .contains("'\"'\"'s a dog");

        bedrock.images(TITAN).generate().prompt("it's a dog").size(512, 512).seed(3).call();
        assertThat(JsonSupport.parse(view.json())).isEqualTo(sentBody());
    }

    @Test
    void concurrentRequestsGetTheImagesOfTheirOwnSeeds() throws Exception {
        ImageModel titan = bedrock.images(TITAN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<GeneratedImage>> futures = new ArrayList<>();
            for (int seed = 0; seed < 8; seed++) {
                long s = seed;
                futures.add(pool.submit(() -> titan.generate().prompt("a kite").size(512, 512).seed(s).call().first()));
            }
            for (int seed = 0; seed < 8; seed++) {
                GeneratedImage image = futures.get(seed).get();
                assertThat(image.seed()).isEqualTo(seed);
                assertThat(image.bytes()).isEqualTo(titan.generate().prompt("a kite").size(512, 512).seed(seed).call()
                        .first().bytes());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachModelTakesTheWholeSeedRangeItsPageGives() {
        // Nova Canvas: 0 to 2,147,483,646 (image-gen-req-resp-structure.html), beyond the 858,993,459 of its code examples
        assertThat(bedrock.images(CANVAS).generate().prompt("a fox").size(512, 512).seed(2_147_483_646L).call().first()
                .seed()).isEqualTo(2_147_483_646L);
        assertThat(sentBody().path("imageGenerationConfig").path("seed").asLong()).isEqualTo(2_147_483_646L);
        assertThat(bedrock.images(TITAN).generate().prompt("a fox").size(512, 512).seed(2_147_483_646L).call().first()
                .seed()).isEqualTo(2_147_483_646L);
        // Stable Diffusion 3.5 Large: 0 to 4,294,967,294; Stable Image Core and Ultra: 0 to 4,294,967,295
        assertThat(bedrock.images(SD35).generate().prompt("a fox").seed(4_294_967_294L).call().first().seed())
                .isEqualTo(4_294_967_294L);
        for (String model : List.of(CORE, ULTRA)) {
            assertThat(bedrock.images(model).generate().prompt("a fox").seed(4_294_967_295L).call().first().seed())
                    .isEqualTo(4_294_967_295L);
            assertThat(sentBody().path("seed").asLong()).isEqualTo(4_294_967_295L);
        }
    }

    @Test
    void novaCanvasSizesStayBelow4194304Pixels() {
        GeneratedImage image = bedrock.images(CANVAS).generate().prompt("a field").size(2048, 2032).seed(1).call().first();
        assertThat(image.width()).isEqualTo(2048);
        assertThat(image.height()).isEqualTo(2032);
    }

    // ------------------------------------------------------------------ pre-flight

    private static void refused(String modelId, Consumer<dev.bedrock4j.core.image.ImagePrompt> settings, String field,
                                String message) {
        dev.bedrock4j.core.image.ImagePrompt prompt = bedrock.images(modelId).generate();
        settings.accept(prompt);
        assertThatThrownBy(prompt::call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).contains(field);
            assertThat(e.getMessage()).contains(message);
        });
        assertThat(server.requests()).as("nothing was sent").isEmpty();
    }

    @Test
    void aTaskTheFamilyDoesNotDoFailsBeforeTheCall() {
        InputImage photo = png(512, 512, Color.RED);
        refused(CORE, p -> p.variationOf(photo).prompt("x"), "task", "does not do IMAGE_VARIATION");
        refused(TITAN_V1, p -> p.removeBackground(photo), "task", "does not do BACKGROUND_REMOVAL");
        refused(SD35, p -> p.inpaint(photo, Mask.prompt("sky")).prompt("x"), "task", "does not do INPAINTING");
        refused(ULTRA, p -> p.prompt("x").colors("#ffffff"), "task", "does not do COLOR_GUIDED");
    }

    @Test
    void sizesEachModelDoesNotTakeFailBeforeTheCall() {
        refused(TITAN, p -> p.prompt("x").size(1000, 1000), "size", "not 1000x1000");
        refused(CANVAS, p -> p.prompt("x").size(1000, 1000), "size", "multiples of 16");
        refused(CANVAS, p -> p.prompt("x").size(2048, 2560), "size", "fewer than 4,194,304 pixels");
        refused(CANVAS, p -> p.prompt("x").size(2048, 2048), "size", "fewer than 4,194,304 pixels, was 2048x2048");
        refused(CANVAS, p -> p.prompt("x").size(320, 1600), "size", "1:4 to 4:1");
        refused(SD35, p -> p.prompt("x").size(1024, 768), "size", "not 1024x768");
        refused(SD35, p -> p.prompt("x").aspectRatio("4:3"), "aspectRatio", "unknown aspect ratio");
        refused(TITAN, p -> p.prompt("x").aspectRatio("1:1"), "aspectRatio", "takes a size");
        refused(CANVAS, p -> p.inpaint(png(512, 512, Color.RED), Mask.prompt("sky")).size(512, 512), "size",
                "keeps the size");
        refused(ULTRA, p -> p.variationOf(png(512, 512, Color.RED)).prompt("x").aspectRatio("1:1"), "size",
                "keeps the aspect ratio");
    }

    @Test
    void countsSeedsAndPromptsOutOfRangeFailBeforeTheCall() {
        refused(TITAN, p -> p.prompt("x").count(6), "count", "1 to 5 images");
        refused(TITAN, p -> p.prompt("x").count(0), "count", "was 0");
        refused(SD35, p -> p.prompt("x").count(2), "count", "makes one image per call, was 2");
        refused(CANVAS, p -> p.prompt("x").seed(2_147_483_647L), "seed", "between 0 and 2147483646");
        refused(TITAN, p -> p.prompt("x").seed(2_147_483_647L), "seed", "between 0 and 2147483646");
        refused(SD35, p -> p.prompt("x").seed(4_294_967_295L), "seed", "between 0 and 4294967294");
        refused(CORE, p -> p.prompt("x").seed(4_294_967_296L), "seed", "between 0 and 4294967295");
        refused(ULTRA, p -> p.prompt("x").seed(4_294_967_296L), "seed", "between 0 and 4294967295");
        refused(TITAN, p -> p.prompt("x").seed(-1), "seed", "was -1");
        refused(TITAN, p -> p.prompt("x".repeat(513)), "prompt", "at most 512");
        refused(CANVAS, p -> p.prompt("x".repeat(1025)), "prompt", "at most 1024");
        refused(CANVAS, p -> p.prompt("x").negativePrompt(" "), "negativePrompt", "blank");
        refused(TITAN, p -> p.prompt("   "), "prompt", "blank");
        refused(TITAN, p -> p.size(512, 512), "prompt", "missing");
        refused(SD35, p -> p.variationOf(png(512, 512, Color.RED)), "prompt", "missing");
    }

    @Test
    void settingsAFamilyDoesNotTakeFailBeforeTheCall() {
        InputImage photo = png(512, 512, Color.RED);
        refused(SD35, p -> p.prompt("x").guidance(5), "guidance", "takes no guidance");
        refused(TITAN, p -> p.prompt("x").guidance(11), "guidance", "between 1.1 and 10.0");
        refused(CORE, p -> p.prompt("x").quality(Quality.PREMIUM), "quality", "no quality");
        refused(TITAN, p -> p.prompt("x").style("PHOTOREALISM"), "style", "Nova Canvas setting");
        refused(CANVAS, p -> p.prompt("x").style("PHOTO"), "style", "unknown style");
        refused(CANVAS, p -> p.variationOf(photo).style("PHOTOREALISM"), "style", "text-to-image only");
        refused(TITAN, p -> p.variationOf(photo).similarity(0.1), "similarity", "between 0.2 and 1.0");
        refused(TITAN, p -> p.prompt("x").similarity(0.5), "similarity", "variations only");
        refused(TITAN, p -> p.variationOf(photo, photo, photo, photo, photo, photo), "images", "1 to 5 images");
        refused(TITAN_V1, p -> p.variationOf(photo, photo, photo, photo, photo, photo), "images", "1 to 5 images");
        refused(SD35, p -> p.variationOf(photo).prompt("x").similarity(-0.1), "similarity", "between 0.0 and 1.0");
        refused(ULTRA, p -> p.variationOf(photo).prompt("x").similarity(1.1), "similarity", "between 0.0 and 1.0");
        refused(TITAN, p -> p.outpaint(photo, Mask.prompt("sky")), "prompt", "missing");
        refused(CANVAS, p -> p.variationOf(webp(512, 512)), "images[0]", "PNG or JPEG");
        refused(TITAN, p -> p.variationOf(png(1536, 512, Color.RED)), "images[0]", "at most 1408 pixels on the longer side");
        refused(TITAN_V1, p -> p.inpaint(png(512, 512, Color.RED), Mask.image(png(512, 1600, Color.WHITE))), "mask",
                "was 512x1600");
        refused(TITAN, p -> p.removeBackground(photo).prompt("x"), "prompt", "takes only the image");
        refused(TITAN, p -> p.removeBackground(photo).seed(3), "seed", "takes only the image");
        refused(CANVAS, p -> p.prompt("x").colors("red"), "colors[0]", "#rrggbb");
        refused(CANVAS, p -> p.prompt("x").colors(), "colors", "1 to 10 colours");
        refused(CANVAS, p -> p.prompt("x").colors("#000000", "#000001", "#000002", "#000003", "#000004", "#000005",
                "#000006", "#000007", "#000008", "#000009", "#00000a"), "colors", "was 11");
        refused(CANVAS, p -> p.inpaint(photo, Mask.prompt(" ")), "mask", "blank");
        refused(CANVAS, p -> p.inpaint(photo, null).prompt("x"), "mask", "needs a mask");
        refused(CANVAS, p -> p.variationOf(InputImage.of("GIF89a....".getBytes())), "images[0]", "PNG or JPEG");
    }

    @Test
    void aModelThatMakesNoImagesIsRefusedWhenAsked() {
        assertThatThrownBy(() -> bedrock.images("anthropic.claude-3-haiku-20240307-v1:0"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).contains("modelId");
                    assertThat(e.getMessage()).contains("not an image generation model");
                });
        assertThatThrownBy(() -> bedrock.images("Amazon.Nova-Canvas-v1:0")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> bedrock.images(" ")).isInstanceOf(InvalidRequestException.class);
    }

    // ------------------------------------------------------------------ the server's strictness

    private static void rejectedByServer(String modelId, String body, String message) {
        assertThatThrownBy(() -> sync.invokeModel(r -> r.modelId(modelId).body(SdkBytes.fromUtf8String(body))))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).contains(message));
    }

    @Test
    void theServerRefusesBodiesBedrockRefuses() {
        rejectedByServer(TITAN, """
                {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"x","prompt":"y"}}""",
                "#/textToImageParams: extraneous key [prompt] is not permitted");
        rejectedByServer(TITAN, """
                {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"x"},
                 "imageGenerationConfig":{"width":1000,"height":1000}}""", "1000x1000 is not a supported size");
        rejectedByServer(TITAN, """
                {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"x","style":"PHOTOREALISM"}}""",
                "PHOTOREALISM is not a valid enum value");
        rejectedByServer(TITAN_V1, """
                {"taskType":"BACKGROUND_REMOVAL","backgroundRemovalParams":{"image":"AAAA"}}""",
                "does not support the task type BACKGROUND_REMOVAL");
        rejectedByServer(CANVAS, """
                {"taskType":"INPAINTING","inPaintingParams":{"image":"%s"}}""".formatted(
                Base64.getEncoder().encodeToString(png(512, 512, Color.RED).bytes())),
                "exactly one of [maskPrompt, maskImage] is required");
        rejectedByServer(CANVAS, """
                {"taskType":"COLOR_GUIDED_GENERATION","colorGuidedGenerationParams":{"text":"x","colors":["red"]}}""",
                "does not match pattern");
        rejectedByServer(CORE, """
                {"prompt":"x","mode":"image-to-image"}""", "extraneous key [mode] is not permitted");
        rejectedByServer(SD35, """
                {"prompt":"x","mode":"image-to-image","image":"%s"}""".formatted(
                Base64.getEncoder().encodeToString(png(512, 512, Color.RED).bytes())), "required key [strength] not found");
    }

    @Test
    void theServerHoldsEachModelToTheLimitsOfItsPage() {
        String red = Base64.getEncoder().encodeToString(png(512, 512, Color.RED).bytes());
        rejectedByServer(CANVAS, """
                {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"x"},
                 "imageGenerationConfig":{"width":2048,"height":2048}}""", "must be less than 4194304 pixels");
        rejectedByServer(CANVAS, """
                {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"x"},
                 "imageGenerationConfig":{"seed":2147483647}}""", "2147483647 is not between 0 and 2147483646");
        rejectedByServer(CANVAS, """
                {"taskType":"INPAINTING","inPaintingParams":{"image":"%s","maskPrompt":"sky"},
                 "imageGenerationConfig":{"width":512,"height":512}}""".formatted(red),
                "width and height are not permitted for INPAINTING");
        rejectedByServer(TITAN_V1, """
                {"taskType":"IMAGE_VARIATION","imageVariationParams":{"images":["%1$s","%1$s","%1$s","%1$s","%1$s","%1$s"]}}"""
                .formatted(red), "expected between 1 and 5 items, actual: 6");
        rejectedByServer(TITAN, """
                {"taskType":"IMAGE_VARIATION","imageVariationParams":{"images":["%s"]}}""".formatted(
                Base64.getEncoder().encodeToString(png(1409, 512, Color.RED).bytes())),
                "at most 1408 pixels on the longer side, was 1409x512");
        rejectedByServer(SD35, """
                {"prompt":"x","seed":4294967295}""", "4294967295 is not between 0 and 4294967294");
        rejectedByServer(CORE, """
                {"prompt":"x","seed":4294967296}""", "4294967296 is not between 0 and 4294967295");
        rejectedByServer(CORE, """
                {"prompt":"x","output_format":"webp"}""", "webp is not a valid enum value; use jpeg, png");
        rejectedByServer(ULTRA, """
                {"prompt":"x","output_format":"webp"}""", "webp is not a valid enum value; use jpeg, png");
        rejectedByServer(ULTRA, """
                {"prompt":"x","mode":"image-to-image","image":"%s","strength":0.5}""".formatted(red),
                "image-to-image is not a valid enum value; use text-to-image");
        rejectedByServer(ULTRA, """
                {"prompt":"x","image":"%s","strength":1.5}""".formatted(red), "1.5 is not between 0 and 1");
        rejectedByServer(SD35, """
                {"prompt":"x","mode":"image-to-image","strength":0.5,"image":"%s"}""".formatted(
                Base64.getEncoder().encodeToString(png(32, 512, Color.RED).bytes())), "at least 64 pixels a side");

        JsonNode sd35 = JsonSupport.parse(sync.invokeModel(r -> r.modelId(SD35).body(SdkBytes.fromUtf8String("""
                {"prompt":"x","seed":4294967294,"output_format":"webp"}"""))).body().asUtf8String());
        assertThat(sd35.path("seeds").path(0).asLong()).isEqualTo(4_294_967_294L);
        JsonNode ultra = JsonSupport.parse(sync.invokeModel(r -> r.modelId(ULTRA).body(SdkBytes.fromUtf8String("""
                {"prompt":"x","image":"%s"}""".formatted(red)))).body().asUtf8String());
        assertThat(ultra.path("images")).hasSize(1);
    }
}
