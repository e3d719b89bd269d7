package dev.bedrock4j.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.image.GeneratedImage;
import dev.bedrock4j.core.image.ImageRequest;
import dev.bedrock4j.core.image.ImageTask;
import dev.bedrock4j.core.image.InputImage;
import dev.bedrock4j.core.image.Mask;
import dev.bedrock4j.core.spi.JsonSupport;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image generation families' native {@code InvokeModel} bodies, written from a model-agnostic
 * {@link ImageRequest} after checking it against what the model takes, and their answers read back.
 *
 * <ul>
 *   <li>Amazon Titan Image Generator v1/v2 and Nova Canvas: {@code taskType}, one params object per task and
 *       {@code imageGenerationConfig}; answered {@code {"images":[base64...]}}. Titan
 *       (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html) takes prompts of
 *       up to 512 characters, a fixed list of sizes, seeds 0 to 2,147,483,646 and 1 to 5 images to vary (the page
 *       limits neither v1 nor v2 to fewer). Canvas
 *       (https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html and
 *       image-gen-access.html) takes up to 1,024 characters, seeds 0 to 2,147,483,646, and any size of 320 to
 *       4,096 pixels a side in multiples of 16, an aspect ratio from 1:4 to 4:1 and fewer than 4,194,304 pixels.
 *       Both make 1 to 5 images, with a {@code cfgScale} of 1.1 to 10 and a {@code similarityStrength} of 0.2 to
 *       1.0.</li>
 *   <li>Stability AI: {@code prompt}, {@code negative_prompt}, {@code aspect_ratio}, {@code seed},
 *       {@code output_format}, and for image-to-image {@code image} and {@code strength} (0 to 1), with
 *       {@code mode} set to {@code image-to-image} for Stable Diffusion 3.5 Large; Stable Image Ultra lists only
 *       {@code text-to-image} as a mode, so it gets no {@code mode}. Answered
 *       {@code {"seeds":[..],"finish_reasons":[null],"images":[..]}}
 *       (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-diffusion-3-5-large.html,
 *       model-parameters-diffusion-stable-image-core-text-image-request-response.html,
 *       model-parameters-diffusion-stable-ultra-text-image-request-response.html). One image per call, prompts
 *       up to 10,000 characters, seeds 0 to 4,294,967,294 (3.5 Large) or 4,294,967,295 (Core, Ultra); input
 *       images PNG, JPEG or WebP.</li>
 * </ul>
 *
 * <p>Thread-safe: stateless.
 */
final class ImageBodies {
    /** Titan Image Generator's sizes (model-parameters-titan-image.html), as width x height. */
    static final Set<String> TITAN_SIZES = Set.of("1024x1024", "768x768", "512x512", "768x1152", "384x576", "1152x768",
            "576x384", "768x1280", "384x640", "1280x768", "640x384", "896x1152", "448x576", "1152x896", "576x448",
            "768x1408", "384x704", "1408x768", "704x384", "640x1408", "320x704", "1408x640", "704x320", "1152x640",
            "1173x640");
    /** Stability's aspect ratios and the sizes it renders them at. */
    static final Map<String, String> STABILITY_RATIOS = stabilityRatios();
    static final List<String> CANVAS_STYLES = List.of("3D_ANIMATED_FAMILY_FILM", "DESIGN_SKETCH", "FLAT_VECTOR_ILLUSTRATION",
            "GRAPHIC_NOVEL_ILLUSTRATION", "MAXIMALISM", "MIDCENTURY_RETRO", "PHOTOREALISM", "SOFT_DIGITAL_PAINTING");
    private static final int TITAN_MAX_INPUT_SIDE = 1408;
    private static final Pattern HEX_COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private ImageBodies() {
    }

    private static Map<String, String> stabilityRatios() {
        Map<String, String> ratios = new LinkedHashMap<>();
        ratios.put("1:1", "1024x1024");
        ratios.put("16:9", "1344x768");
        ratios.put("21:9", "1536x640");
        ratios.put("2:3", "832x1216");
        ratios.put("3:2", "1216x832");
        ratios.put("4:5", "896x1088");
        ratios.put("5:4", "1088x896");
        ratios.put("9:16", "768x1344");
        ratios.put("9:21", "640x1536");
        return ratios;
    }

    /** What one model takes. */
    record Limits(ModelFamily family, boolean canvas, Set<ImageTask> tasks, int maxPrompt, int maxCount, long maxSeed,
                  int maxVariationImages, boolean imageToImageMode) {
        boolean amazon() {
            return family == ModelFamily.AMAZON_IMAGE;
        }
    }

    /**
     * The limits of an image model.
     *
     * @throws InvalidRequestException if the catalog does not place the model among the image generation families
     */
    static Limits limits(String modelId, ModelInfo info) {
        String id = info.baseModelId();
        if (info.family() == ModelFamily.AMAZON_IMAGE) {
            boolean canvas = id.contains("nova-canvas");
            boolean v1 = id.contains("titan-image-generator-v1");
            Set<ImageTask> tasks = v1 ? EnumSet.of(ImageTask.TEXT_TO_IMAGE, ImageTask.IMAGE_VARIATION, ImageTask.INPAINTING,
                    ImageTask.OUTPAINTING) : EnumSet.allOf(ImageTask.class);
            // Both pages give seeds 0 to 2,147,483,646 (Nova Canvas's code examples say 858,993,459; its request
            // reference, image-gen-req-resp-structure.html, is followed here)
            return new Limits(info.family(), canvas, tasks, canvas ? 1024 : 512, 5, 2_147_483_646L, 5, false);
        }
        if (info.family() == ModelFamily.STABILITY_IMAGE) {
            boolean imageModel = id.contains("stable-image-");
            Set<ImageTask> tasks = id.contains("stable-image-core") ? EnumSet.of(ImageTask.TEXT_TO_IMAGE)
                    : EnumSet.of(ImageTask.TEXT_TO_IMAGE, ImageTask.IMAGE_VARIATION);
            return new Limits(info.family(), false, tasks, 10_000, 1, imageModel ? 4_294_967_295L : 4_294_967_294L, 1,
                    !imageModel);
        }
        throw new InvalidRequestException("modelId", modelId + " is not an image generation model; use one of"
                + " amazon.titan-image-generator-v2:0, amazon.nova-canvas-v1:0, stability.sd3-5-large-v1:0,"
                + " stability.stable-image-core-v1:1 or stability.stable-image-ultra-v1:1 (chat models: bedrock.chat(id))");
    }

    /**
     * The native body of a request, after checking it against the model's limits.
     *
     * @param seed the seed to send, or {@code null} to send none
     * @throws InvalidRequestException naming the setting the model does not take
     */
    static ObjectNode body(String modelId, Limits limits, ImageRequest request, Long seed) {
        check(modelId, limits, request);
        return limits.amazon() ? amazon(limits, request, seed) : stability(limits, request, seed);
    }

    // ------------------------------------------------------------------ pre-flight

    private static void check(String modelId, Limits limits, ImageRequest r) {
        ImageTask task = r.task();
        if (!limits.tasks().contains(task)) {
            throw new InvalidRequestException("task", modelId + " does not do " + task + "; it does " + limits.tasks()
                    + (task == ImageTask.TEXT_TO_IMAGE ? "" : " (amazon.nova-canvas-v1:0 and amazon.titan-image-generator-v2:0"
                    + " do every task)"));
        }
        boolean generates = task == ImageTask.TEXT_TO_IMAGE || task == ImageTask.COLOR_GUIDED;
        // Titan's outpainting text is required; Nova Canvas's page says omitting it removes what the mask covers
        boolean promptRequired = generates || (task == ImageTask.OUTPAINTING && !limits.canvas()) || !limits.amazon();
        if (task == ImageTask.BACKGROUND_REMOVAL) {
            for (String setting : List.of("prompt", "negativePrompt", "size", "count", "seed", "guidance", "quality", "style")) {
                if (isSet(r, setting)) {
                    throw new InvalidRequestException(setting, "background removal takes only the image; leave " + setting
                            + " out");
                }
            }
        }
        if (r.prompt().isPresent() || promptRequired) {
            text("prompt", r.prompt().orElse(null), limits.maxPrompt(), task);
        }
        if (r.negativePrompt().isPresent()) {
            text("negativePrompt", r.negativePrompt().get(), limits.maxPrompt(), task);
        }
        int count = r.count().orElse(1);
        if (count < 1 || count > limits.maxCount()) {
            throw new InvalidRequestException("count", modelId + " makes " + (limits.maxCount() == 1 ? "one image"
                    : "1 to " + limits.maxCount() + " images") + " per call, was " + count);
        }
        if (r.seed().isPresent() && (r.seed().getAsLong() < 0 || r.seed().getAsLong() > limits.maxSeed())) {
            throw new InvalidRequestException("seed", "the seed must be between 0 and " + limits.maxSeed() + " for " + modelId
                    + ", was " + r.seed().getAsLong());
        }
        if (r.guidance().isPresent()) {
            double g = r.guidance().getAsDouble();
            if (!limits.amazon()) {
                throw new InvalidRequestException("guidance", modelId + " takes no guidance scale (cfgScale); leave it out");
            }
            if (!(g >= 1.1 && g <= 10)) {
                throw new InvalidRequestException("guidance", "guidance must be between 1.1 and 10.0, was " + g);
            }
        }
        if (r.quality().isPresent() && !limits.amazon()) {
            throw new InvalidRequestException("quality", modelId + " takes no quality setting; leave it out");
        }
        if (r.style().isPresent()) {
            if (!limits.canvas()) {
                throw new InvalidRequestException("style", "styles are a Nova Canvas setting; " + modelId + " takes none");
            }
            if (task != ImageTask.TEXT_TO_IMAGE) {
                throw new InvalidRequestException("style", "a style applies to text-to-image only, not " + task);
            }
            if (!CANVAS_STYLES.contains(r.style().get())) {
                throw new InvalidRequestException("style", "unknown style \"" + r.style().get() + "\"; use one of "
                        + String.join(", ", CANVAS_STYLES));
            }
        }
        size(modelId, limits, r);
        images(modelId, limits, r);
        if (r.similarity().isPresent()) {
            double s = r.similarity().getAsDouble();
            if (task != ImageTask.IMAGE_VARIATION) {
                throw new InvalidRequestException("similarity", "similarity applies to variations only, not " + task);
            }
            // Amazon's similarityStrength is 0.2 to 1.0; Stability's strength (1 - similarity) is 0 to 1
            double min = limits.amazon() ? 0.2 : 0.0;
            if (!(s >= min && s <= 1.0)) {
                throw new InvalidRequestException("similarity", "similarity must be between " + min + " and 1.0 for "
                        + modelId + ", was " + s);
            }
        }
        if (task == ImageTask.COLOR_GUIDED) {
            if (r.colors().isEmpty() || r.colors().size() > 10) {
                throw new InvalidRequestException("colors", "colour-guided generation takes 1 to 10 colours, was "
                        + r.colors().size());
            }
            for (int i = 0; i < r.colors().size(); i++) {
                String color = r.colors().get(i);
                if (color == null || !HEX_COLOR.matcher(color).matches()) {
                    throw new InvalidRequestException("colors[" + i + "]", "a colour is written #rrggbb, such as #ff8080,"
                            + " was \"" + color + "\"");
                }
            }
        }
    }

    private static boolean isSet(ImageRequest r, String setting) {
        return switch (setting) {
            case "prompt" -> r.prompt().isPresent();
            case "negativePrompt" -> r.negativePrompt().isPresent();
            case "size" -> r.width().isPresent() || r.aspectRatio().isPresent();
            case "count" -> r.count().isPresent();
            case "seed" -> r.seed().isPresent();
            case "guidance" -> r.guidance().isPresent();
            case "quality" -> r.quality().isPresent();
            default -> r.style().isPresent();
        };
    }

    private static void text(String field, String text, int max, ImageTask task) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, field + " is " + (text == null ? "missing" : "blank") + "; " + task
                    + " needs a description of the image");
        }
        if (text.length() > max) {
            throw new InvalidRequestException(field, field + " is " + text.length() + " characters; the model takes at most "
                    + max);
        }
    }

    private static void size(String modelId, Limits limits, ImageRequest r) {
        ImageTask task = r.task();
        boolean sized = r.width().isPresent();
        if ((sized || r.aspectRatio().isPresent()) && (task == ImageTask.INPAINTING || task == ImageTask.OUTPAINTING)) {
            throw new InvalidRequestException("size", "an edited image keeps the size of its input; leave the size out for "
                    + task);
        }
        if (!limits.amazon()) {
            if (task == ImageTask.IMAGE_VARIATION && (sized || r.aspectRatio().isPresent())) {
                throw new InvalidRequestException("size", "image-to-image keeps the aspect ratio of its input; leave the size"
                        + " out");
            }
            if (sized && r.aspectRatio().isPresent()) {
                throw new InvalidRequestException("aspectRatio", "give a size or an aspect ratio, not both");
            }
            if (r.aspectRatio().isPresent() && !STABILITY_RATIOS.containsKey(r.aspectRatio().get())) {
                throw new InvalidRequestException("aspectRatio", "unknown aspect ratio \"" + r.aspectRatio().get()
                        + "\"; use one of " + String.join(", ", STABILITY_RATIOS.keySet()));
            }
            if (sized && ratioOf(r.width().getAsInt(), r.height().getAsInt()) == null) {
                throw new InvalidRequestException("size", modelId + " renders " + STABILITY_RATIOS.values() + " (aspect ratios "
                        + String.join(", ", STABILITY_RATIOS.keySet()) + "), not " + r.width().getAsInt() + "x"
                        + r.height().getAsInt());
            }
            return;
        }
        if (r.aspectRatio().isPresent()) {
            throw new InvalidRequestException("aspectRatio", modelId + " takes a size, not an aspect ratio; use size(width,"
                    + " height)");
        }
        if (!sized) {
            return;
        }
        int w = r.width().getAsInt();
        int h = r.height().getAsInt();
        if (!limits.canvas()) {
            if (!TITAN_SIZES.contains(w + "x" + h)) {
                throw new InvalidRequestException("size", modelId + " takes the sizes 1024x1024, 768x768, 512x512, 1152x768,"
                        + " 768x1152, 1280x768, 768x1280, 1173x640 and the others of its size table, not " + w + "x" + h);
            }
            return;
        }
        if (w < 320 || w > 4096 || h < 320 || h > 4096 || w % 16 != 0 || h % 16 != 0) {
            throw new InvalidRequestException("size", "Nova Canvas sizes are 320 to 4096 pixels a side in multiples of 16,"
                    + " was " + w + "x" + h);
        }
        if (w > 4L * h || h > 4L * w) {
            throw new InvalidRequestException("size", "Nova Canvas takes aspect ratios from 1:4 to 4:1, was " + w + "x" + h);
        }
        // image-gen-access.html: "The total pixel count must be less than 4,194,304"
        if ((long) w * h >= 4_194_304L) {
            throw new InvalidRequestException("size", "Nova Canvas makes images of fewer than 4,194,304 pixels, was " + w
                    + "x" + h + " (" + (long) w * h + ")");
        }
    }

    static String ratioOf(int width, int height) {
        for (Map.Entry<String, String> e : STABILITY_RATIOS.entrySet()) {
            if (e.getValue().equals(width + "x" + height)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static void images(String modelId, Limits limits, ImageRequest r) {
        ImageTask task = r.task();
        List<InputImage> images = r.images();
        switch (task) {
            case TEXT_TO_IMAGE -> {
                if (!images.isEmpty()) {
                    throw new InvalidRequestException("images", "text-to-image takes no input image; vary or edit an image"
                            + " with variationOf, inpaint or outpaint");
                }
            }
            case IMAGE_VARIATION -> {
                if (images.isEmpty() || images.size() > limits.maxVariationImages()) {
                    throw new InvalidRequestException("images", modelId + " varies 1" + (limits.maxVariationImages() > 1
                            ? " to " + limits.maxVariationImages() : "") + " image" + (limits.maxVariationImages() > 1 ? "s"
                            : "") + " at a time, was " + images.size());
                }
            }
            case COLOR_GUIDED -> {
                // an optional reference image
            }
            default -> {
                if (images.size() != 1) {
                    throw new InvalidRequestException("images", task + " takes exactly one image");
                }
            }
        }
        // Titan and Canvas take PNG or JPEG; Stability's image-to-image also WebP
        List<String> formats = limits.amazon() ? List.of("png", "jpeg") : List.of("png", "jpeg", "webp");
        for (int i = 0; i < images.size(); i++) {
            String format = images.get(i).format();
            if (!formats.contains(format)) {
                throw new InvalidRequestException("images[" + i + "]", "input images must be "
                        + (limits.amazon() ? "PNG or JPEG" : "PNG, JPEG or WebP") + " for " + modelId + ", was " + format);
            }
        }
        boolean edits = task == ImageTask.INPAINTING || task == ImageTask.OUTPAINTING;
        if (edits && r.mask().isEmpty()) {
            throw new InvalidRequestException("mask", task + " needs a mask: Mask.prompt(\"the sky\") or Mask.image(maskImage)");
        }
        if (!edits && r.mask().isPresent()) {
            throw new InvalidRequestException("mask", "a mask applies to in-painting and out-painting only, not " + task);
        }
        if (r.mask().orElse(null) instanceof Mask.Prompt p && p.text().isBlank()) {
            throw new InvalidRequestException("mask", "the mask prompt is blank; describe what to mask, such as \"the sky\"");
        }
        if (r.mask().orElse(null) instanceof Mask.Image m) {
            String format = m.image().format();
            if (!format.equals("png") && !format.equals("jpeg")) {
                throw new InvalidRequestException("mask", "a mask image must be PNG or JPEG, was " + format);
            }
        }
        if (limits.amazon() && !limits.canvas() && task != ImageTask.BACKGROUND_REMOVAL) {
            // model-parameters-titan-image.html: input images, masks and reference images "<= 1,408 on the longer side"
            for (int i = 0; i < images.size(); i++) {
                titanInputSide("images[" + i + "]", images.get(i));
            }
            if (r.mask().orElse(null) instanceof Mask.Image m) {
                titanInputSide("mask", m.image());
            }
        }
    }

    private static void titanInputSide(String field, InputImage image) {
        int[] size = ImageSize.of(image.bytes());
        if (size != null && Math.max(size[0], size[1]) > TITAN_MAX_INPUT_SIDE) {
            throw new InvalidRequestException(field, "Titan Image Generator takes input images of at most "
                    + TITAN_MAX_INPUT_SIDE + " pixels on the longer side, was " + size[0] + "x" + size[1]);
        }
    }

    // ------------------------------------------------------------------ bodies

    private static ObjectNode amazon(Limits limits, ImageRequest r, Long seed) {
        ObjectNode body = JsonSupport.object();
        ObjectNode params;
        switch (r.task()) {
            case TEXT_TO_IMAGE -> {
                body.put("taskType", "TEXT_IMAGE");
                params = body.putObject("textToImageParams");
                prompts(params, r);
                r.style().ifPresent(style -> params.put("style", style));
            }
            case COLOR_GUIDED -> {
                body.put("taskType", "COLOR_GUIDED_GENERATION");
                params = body.putObject("colorGuidedGenerationParams");
                prompts(params, r);
                ArrayNode colors = params.putArray("colors");
                r.colors().forEach(c -> colors.add(c.toLowerCase(Locale.ROOT)));
                if (!r.images().isEmpty()) {
                    params.put("referenceImage", base64(r.images().get(0)));
                }
            }
            case IMAGE_VARIATION -> {
                body.put("taskType", "IMAGE_VARIATION");
                params = body.putObject("imageVariationParams");
                prompts(params, r);
                ArrayNode images = params.putArray("images");
                r.images().forEach(i -> images.add(base64(i)));
                r.similarity().ifPresent(s -> params.put("similarityStrength", s));
            }
            case INPAINTING, OUTPAINTING -> {
                boolean in = r.task() == ImageTask.INPAINTING;
                body.put("taskType", in ? "INPAINTING" : "OUTPAINTING");
                params = body.putObject(in ? "inPaintingParams" : "outPaintingParams");
                params.put("image", base64(r.images().get(0)));
                prompts(params, r);
                Mask mask = r.mask().orElseThrow();
                if (mask instanceof Mask.Prompt p) {
                    params.put("maskPrompt", p.text());
                } else if (mask instanceof Mask.Image m) {
                    params.put("maskImage", base64(m.image()));
                }
                if (!in) {
                    params.put("outPaintingMode", "DEFAULT");
                }
            }
            default -> {
                body.put("taskType", "BACKGROUND_REMOVAL");
                body.putObject("backgroundRemovalParams").put("image", base64(r.images().get(0)));
                return body;
            }
        }
        ObjectNode config = body.putObject("imageGenerationConfig");
        config.put("numberOfImages", r.count().orElse(1));
        if (r.width().isPresent()) {
            config.put("width", r.width().getAsInt()).put("height", r.height().getAsInt());
        }
        r.quality().ifPresent(q -> config.put("quality", q.name().toLowerCase(Locale.ROOT)));
        r.guidance().ifPresent(g -> config.put("cfgScale", g));
        if (seed != null) {
            config.put("seed", seed);
        }
        return body;
    }

    private static void prompts(ObjectNode params, ImageRequest r) {
        r.prompt().ifPresent(p -> params.put("text", p));
        r.negativePrompt().ifPresent(n -> params.put("negativeText", n));
    }

    private static ObjectNode stability(Limits limits, ImageRequest r, Long seed) {
        ObjectNode body = JsonSupport.object();
        body.put("prompt", r.prompt().orElseThrow());
        r.negativePrompt().ifPresent(n -> body.put("negative_prompt", n));
        if (r.task() == ImageTask.IMAGE_VARIATION) {
            if (limits.imageToImageMode()) {
                body.put("mode", "image-to-image");
            }
            body.put("image", base64(r.images().get(0)));
            // Stable Image Ultra defaults strength to 0.35, so it is sent only when asked for; 3.5 Large requires it
            // and its page gives no default, so the middle of its 0-to-1 range is sent
            if (r.similarity().isPresent() || limits.imageToImageMode()) {
                double similarity = r.similarity().orElse(0.5);
                body.put("strength", Math.round((1.0 - similarity) * 1000) / 1000.0);
            }
        } else {
            String ratio = r.aspectRatio().orElse(r.width().isPresent()
                    ? ratioOf(r.width().getAsInt(), r.height().getAsInt()) : null);
            if (ratio != null) {
                body.put("aspect_ratio", ratio);
            }
        }
        if (seed != null) {
            body.put("seed", seed);
        }
        body.put("output_format", "png");
        return body;
    }

    private static String base64(InputImage image) {
        return Base64.getEncoder().encodeToString(image.bytes());
    }

    // ------------------------------------------------------------------ answers

    /** The images of an answer; {@code seed} is the seed sent to an Amazon model. */
    static List<GeneratedImage> images(String modelId, Limits limits, JsonNode answer, Long seed) {
        if (answer.hasNonNull("error") && !answer.path("error").asText().isEmpty()) {
            throw new ModelErrorException(modelId + " generated no image: " + answer.path("error").asText(), null, modelId,
                    null, 200);
        }
        JsonNode reasons = answer.path("finish_reasons");
        for (JsonNode reason : reasons) {
            if (!reason.isNull()) {
                throw new ModelErrorException(modelId + " generated no image: " + reason.asText(), null, modelId, null, 200);
            }
        }
        List<GeneratedImage> images = new ArrayList<>();
        JsonNode encoded = answer.path("images");
        for (int i = 0; i < encoded.size(); i++) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(encoded.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw new ModelErrorException(modelId + " answered an image that is not valid base64", e, modelId, null, 200);
            }
            int[] size = ImageSize.of(bytes);
            long used = limits.amazon() ? (seed == null ? -1 : seed) : answer.path("seeds").path(i).asLong(-1);
            images.add(new GeneratedImage(bytes, size == null ? 0 : size[0], size == null ? 0 : size[1], used));
        }
        if (images.isEmpty()) {
            throw new ModelErrorException(modelId + " answered no image", null, modelId, null, 200);
        }
        return images;
    }
}
