package dev.bedrock4j.testkit.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.spi.JsonSupport;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Answers the image generation models' native {@code InvokeModel} bodies with real, small images: a
 * pattern of flat colour blocks that PNG compresses to a few kilobytes, derived from the prompt, the seed
 * and the image's place in the batch, so the same request gives the same bytes and a different prompt or
 * seed a different image.
 *
 * <ul>
 *   <li>Titan Image Generator v1/v2 and Nova Canvas ({@code taskType}, {@code textToImageParams},
 *       {@code imageGenerationConfig} with {@code numberOfImages}, {@code width}, {@code height},
 *       {@code seed}, {@code cfgScale}, {@code quality}) answer {@code {"images":["<base64 PNG>", ...]}}
 *       (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html;
 *       https://docs.aws.amazon.com/nova/latest/userguide/image-gen-req-resp-structure.html and
 *       image-gen-access.html). Both take seeds 0 to 2,147,483,646, 1 to 5 images to make and to vary; Canvas
 *       sizes have fewer than 4,194,304 pixels and are not given for in- and out-painting.</li>
 *   <li>Stability AI (Stable Diffusion 3.5 Large, Stable Image Core and Ultra: {@code prompt},
 *       {@code aspect_ratio}, {@code seed}, {@code output_format}, {@code negative_prompt}, {@code mode},
 *       {@code image}, {@code strength}) answer {@code {"seeds":[..],"finish_reasons":[null],"images":[".."]}}
 *       (model-parameters-diffusion-3-5-large.html, -stable-image-core-text-image-request-response.html,
 *       -stable-ultra-text-image-request-response.html). 3.5 Large takes seeds 0 to 4,294,967,294, output
 *       formats {@code jpeg}, {@code png}, {@code webp} and {@code mode} {@code image-to-image} with
 *       {@code image} and {@code strength}; Core and Ultra seeds 0 to 4,294,967,295 and {@code jpeg} or
 *       {@code png}; Ultra varies an {@code image} with an optional {@code strength} (default 0.35) and knows only
 *       the {@code text-to-image} mode. Images are about one megapixel in the requested aspect ratio;
 *       {@code output_format} {@code jpeg} gives a JPEG, {@code png} and {@code webp} a PNG (the JDK writes no
 *       WebP).</li>
 * </ul>
 *
 * <p>What Bedrock refuses it refuses with its "Malformed input request" message: a missing prompt, counts,
 * sizes and seeds out of the documented ranges. Thread-safe: stateless.
 */
final class ImageGeneration {
    private static final List<String> TASK_TYPES = List.of("TEXT_IMAGE", "COLOR_GUIDED_GENERATION", "IMAGE_VARIATION",
            "INPAINTING", "OUTPAINTING", "BACKGROUND_REMOVAL", "VIRTUAL_TRY_ON");
    /** Stability's aspect ratios and the about-one-megapixel sizes it renders them at. */
    private static final Map<String, int[]> ASPECT_RATIOS = Map.of("1:1", new int[] {1024, 1024},
            "16:9", new int[] {1344, 768}, "21:9", new int[] {1536, 640}, "2:3", new int[] {832, 1216},
            "3:2", new int[] {1216, 832}, "4:5", new int[] {896, 1088}, "5:4", new int[] {1088, 896},
            "9:16", new int[] {768, 1344}, "9:21", new int[] {640, 1536});
    private static final int MIN_SIDE = 320;
    private static final int MAX_SIDE = 4096;
    private static final int MAX_PIXELS = 4_194_304;
    private static final int MAX_INPUT_IMAGE_BYTES = 10 * 1024 * 1024;

    private ImageGeneration() {
    }

    static ObjectNode answer(String modelId, ModelFamily family, JsonNode body) {
        if (!body.isObject()) {
            throw malformed("#", "expected type: JSONObject");
        }
        return family == ModelFamily.STABILITY_IMAGE ? stability(modelId, body) : amazon(modelId, body);
    }

    // ------------------------------------------------------------------ Titan Image Generator, Nova Canvas

    private static ObjectNode amazon(String modelId, JsonNode body) {
        boolean canvas = modelId.contains("nova-canvas");
        String taskType = body.path("taskType").asText("");
        if (!TASK_TYPES.contains(taskType)) {
            throw malformed("#/taskType", taskType.isEmpty() ? "required key [taskType] not found"
                    : taskType + " is not a valid enum value; use one of " + String.join(", ", TASK_TYPES));
        }
        String paramsField = switch (taskType) {
            case "TEXT_IMAGE" -> "textToImageParams";
            case "COLOR_GUIDED_GENERATION" -> "colorGuidedGenerationParams";
            case "IMAGE_VARIATION" -> "imageVariationParams";
            case "INPAINTING" -> "inPaintingParams";
            case "OUTPAINTING" -> "outPaintingParams";
            case "BACKGROUND_REMOVAL" -> "backgroundRemovalParams";
            default -> "virtualTryOnParams";
        };
        JsonNode params = body.path(paramsField);
        if (!params.isObject()) {
            throw malformed("#", "required key [" + paramsField + "] not found");
        }
        int maxText = canvas ? 1024 : 512;
        strictAmazon(modelId, canvas, taskType, paramsField, body, params, maxText);
        if (taskType.equals("TEXT_IMAGE") || taskType.equals("COLOR_GUIDED_GENERATION")) {
            String text = params.path("text").asText("");
            if (!params.path("text").isTextual()) {
                throw malformed("#/" + paramsField, "required key [text] not found");
            }
            if (text.isEmpty() || text.length() > maxText) {
                throw malformed("#/" + paramsField + "/text", "expected length between 1 and " + maxText + ", actual: "
                        + text.length());
            }
        }
        JsonNode config = body.path("imageGenerationConfig");
        int count = intIn(config, "numberOfImages", 1, 1, 5, "#/imageGenerationConfig");
        long seed = longIn(config, "seed", canvas ? 12 : 42, 0, 2_147_483_646L, "#/imageGenerationConfig");
        if (config.has("cfgScale")) {
            double cfg = config.get("cfgScale").asDouble();
            if (cfg < 1.1 || cfg > 10) {
                throw malformed("#/imageGenerationConfig/cfgScale", cfg + " is not between 1.1 and 10.0");
            }
        }
        String quality = config.path("quality").asText("standard");
        if (!quality.equals("standard") && !quality.equals("premium")) {
            throw malformed("#/imageGenerationConfig/quality", quality + " is not a valid enum value; use standard or premium");
        }
        int[] size = inputImageSize(params.has("images") ? params.path("images").path(0) : params.path("image"));
        if (size == null || config.has("width") || config.has("height")) {
            size = new int[] {intIn(config, "width", 1024, MIN_SIDE, MAX_SIDE, "#/imageGenerationConfig"),
                    intIn(config, "height", 1024, MIN_SIDE, MAX_SIDE, "#/imageGenerationConfig")};
        }
        if (config.has("width") || config.has("height")) {
            if (canvas && (taskType.equals("INPAINTING") || taskType.equals("OUTPAINTING"))) {
                // "The width and height values should not be provided for the INPAINTING, OUTPAINTING, or
                // VIRTUAL_TRY_ON task types" (image-gen-req-resp-structure.html)
                throw malformed("#/imageGenerationConfig", "width and height are not permitted for " + taskType);
            }
            if (!config.has("width") || !config.has("height")) {
                throw malformed("#/imageGenerationConfig", "width and height go together");
            }
            if (!canvas && !TITAN_SIZES.contains(size[0] + "x" + size[1])) {
                throw malformed("#/imageGenerationConfig", size[0] + "x" + size[1] + " is not a supported size; use one of "
                        + String.join(", ", TITAN_SIZES));
            }
            if (canvas && (size[0] % 16 != 0 || size[1] % 16 != 0 || size[0] > 4L * size[1] || size[1] > 4L * size[0])) {
                throw malformed("#/imageGenerationConfig", size[0] + "x" + size[1] + " is not a supported size: width and"
                        + " height are multiples of 16 with an aspect ratio from 1:4 to 4:1");
            }
        }
        // "The total pixel count must be less than 4,194,304" (Nova's image-gen-access.html); Titan's largest size
        // is well below it
        if ((long) size[0] * size[1] >= MAX_PIXELS) {
            throw malformed("#/imageGenerationConfig", "width x height must be less than " + MAX_PIXELS + " pixels, was "
                    + size[0] + "x" + size[1]);
        }
        String prompt = modelId + "\n" + JsonSupport.write(params);
        ObjectNode answer = JsonSupport.object();
        ArrayNode images = answer.putArray("images");
        for (int i = 0; i < count; i++) {
            images.add(Base64.getEncoder().encodeToString(image(prompt, seed, i, size[0], size[1], "png")));
        }
        return answer;
    }

    // ------------------------------------------------------------------ Stability AI

    private static ObjectNode stability(String modelId, JsonNode body) {
        if (!body.path("prompt").isTextual()) {
            throw malformed("#", "required key [prompt] not found");
        }
        String prompt = body.get("prompt").asText();
        if (prompt.length() > 10_000) {
            throw malformed("#/prompt", "expected maxLength: 10000, actual: " + prompt.length());
        }
        strictStability(modelId, body);
        boolean imageModel = modelId.contains("stable-image-");
        List<String> formats = imageModel ? List.of("jpeg", "png") : List.of("jpeg", "png", "webp");
        String format = body.path("output_format").asText("png");
        if (!formats.contains(format)) {
            throw malformed("#/output_format", format + " is not a valid enum value; use " + String.join(", ", formats));
        }
        long maxSeed = imageModel ? 4_294_967_295L : 4_294_967_294L;
        long seed = longIn(body, "seed", 0, 0, maxSeed, "#");
        if (seed == 0) {
            // Stability picks a seed for 0 and reports it; here it is derived from the prompt, so runs repeat
            seed = 1 + Math.floorMod(digestLong(modelId + "\n" + prompt), maxSeed);
        }
        int[] size = inputImageSize(body.path("image"), true);
        if (size != null && !imageModel && (size[0] < 64 || size[1] < 64)) {
            // "Minimum 64 pixels per side" (model-parameters-diffusion-3-5-large.html)
            throw malformed("#/image", "the image must be at least 64 pixels a side, was " + size[0] + "x" + size[1]);
        }
        if (size == null) {
            String ratio = body.path("aspect_ratio").asText("1:1");
            size = ASPECT_RATIOS.get(ratio);
            if (size == null) {
                throw malformed("#/aspect_ratio", ratio + " is not a valid enum value; use one of "
                        + "16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21");
            }
        }
        String key = modelId + "\n" + prompt + "\n" + body.path("negative_prompt").asText("");
        ObjectNode answer = JsonSupport.object();
        answer.putArray("seeds").add(seed);
        answer.putArray("finish_reasons").addNull();
        answer.putArray("images").add(Base64.getEncoder().encodeToString(
                image(key, seed, 0, size[0], size[1], format.equals("jpeg") ? "jpeg" : "png")));
        return answer;
    }

    // ------------------------------------------------------------------ strictness

    /** The members each task's params object takes (model-parameters-titan-image.html, Nova Canvas's request page). */
    private static final Map<String, Set<String>> PARAM_MEMBERS = Map.of(
            "textToImageParams", Set.of("text", "negativeText", "conditionImage", "controlMode", "controlStrength", "style"),
            "colorGuidedGenerationParams", Set.of("text", "negativeText", "referenceImage", "colors"),
            "imageVariationParams", Set.of("text", "negativeText", "images", "similarityStrength"),
            "inPaintingParams", Set.of("image", "text", "negativeText", "maskPrompt", "maskImage", "returnMask"),
            "outPaintingParams", Set.of("image", "text", "negativeText", "maskPrompt", "maskImage", "returnMask",
                    "outPaintingMode"),
            "backgroundRemovalParams", Set.of("image"));
    private static final Set<String> CONFIG_MEMBERS = Set.of("numberOfImages", "width", "height", "cfgScale", "seed", "quality");
    private static final List<String> CANVAS_STYLES = List.of("3D_ANIMATED_FAMILY_FILM", "DESIGN_SKETCH",
            "FLAT_VECTOR_ILLUSTRATION", "GRAPHIC_NOVEL_ILLUSTRATION", "MAXIMALISM", "MIDCENTURY_RETRO", "PHOTOREALISM",
            "SOFT_DIGITAL_PAINTING");
    /** Titan Image Generator's sizes (model-parameters-titan-image.html). */
    private static final Set<String> TITAN_SIZES = new java.util.TreeSet<>(List.of("1024x1024", "768x768", "512x512",
            "768x1152", "384x576", "1152x768", "576x384", "768x1280", "384x640", "1280x768", "640x384", "896x1152", "448x576",
            "1152x896", "576x448", "768x1408", "384x704", "1408x768", "704x384", "640x1408", "320x704", "1408x640", "704x320",
            "1152x640", "1173x640"));
    private static final java.util.regex.Pattern HEX_COLOR = java.util.regex.Pattern.compile("#[0-9a-fA-F]{6}");

    private static void strictAmazon(String modelId, boolean canvas, String taskType, String paramsField, JsonNode body,
                                     JsonNode params, int maxText) {
        boolean v1 = modelId.contains("titan-image-generator-v1");
        List<String> tasks = canvas ? TASK_TYPES : v1 ? List.of("TEXT_IMAGE", "INPAINTING", "OUTPAINTING", "IMAGE_VARIATION")
                : TASK_TYPES.subList(0, TASK_TYPES.size() - 1);
        if (!tasks.contains(taskType)) {
            throw AnswerException.invalid("The model " + modelId + " does not support the task type " + taskType + ".");
        }
        if (taskType.equals("VIRTUAL_TRY_ON")) {
            return;
        }
        boolean backgroundRemoval = taskType.equals("BACKGROUND_REMOVAL");
        Iterator<String> keys = body.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!key.equals("taskType") && !key.equals(paramsField) && !(key.equals("imageGenerationConfig") && !backgroundRemoval)) {
                throw malformed("#", "extraneous key [" + key + "] is not permitted");
            }
        }
        extraneous(params, PARAM_MEMBERS.get(paramsField), "#/" + paramsField);
        JsonNode config = body.path("imageGenerationConfig");
        if (config.isObject()) {
            extraneous(config, CONFIG_MEMBERS, "#/imageGenerationConfig");
        }
        String at = "#/" + paramsField;
        if (params.has("negativeText")) {
            int length = params.path("negativeText").asText("").length();
            if (!params.get("negativeText").isTextual() || length == 0 || length > maxText) {
                throw malformed(at + "/negativeText", "expected length between 1 and " + maxText + ", actual: " + length);
            }
        }
        if (params.has("text") && (params.get("text").asText("").isEmpty() || params.get("text").asText("").length() > maxText)) {
            throw malformed(at + "/text", "expected length between 1 and " + maxText + ", actual: "
                    + params.get("text").asText("").length());
        }
        if (params.has("style") && (!canvas || !CANVAS_STYLES.contains(params.get("style").asText()))) {
            throw malformed(at + "/style", params.get("style").asText() + " is not a valid enum value"
                    + (canvas ? "; use one of " + String.join(", ", CANVAS_STYLES) : ""));
        }
        if (!canvas && !backgroundRemoval) {
            // "The size limits for the input image and input mask are <= 1,408 on the longer side of image"
            // (model-parameters-titan-image.html; also for variation and colour-guided reference images)
            for (String field : List.of("image", "maskImage", "referenceImage")) {
                titanInputSide(at + "/" + field, params.path(field));
            }
            for (JsonNode image : params.path("images")) {
                titanInputSide(at + "/images", image);
            }
        }
        switch (taskType) {
            case "IMAGE_VARIATION" -> {
                JsonNode images = params.path("images");
                // "You can include 1 to 5 images" (Titan, both versions); "A list of 1–5 images" (Canvas)
                if (!images.isArray() || images.isEmpty() || images.size() > 5) {
                    throw malformed(at + "/images", "expected between 1 and 5 items, actual: "
                            + (images.isArray() ? images.size() : 0));
                }
                for (int i = 0; i < images.size(); i++) {
                    inputImageSize(images.get(i));
                }
                if (params.has("similarityStrength")) {
                    double s = params.get("similarityStrength").asDouble();
                    if (!params.get("similarityStrength").isNumber() || s < 0.2 || s > 1.0) {
                        throw malformed(at + "/similarityStrength", s + " is not between 0.2 and 1.0");
                    }
                }
            }
            case "INPAINTING", "OUTPAINTING", "BACKGROUND_REMOVAL" -> {
                if (!params.path("image").isTextual()) {
                    throw malformed(at, "required key [image] not found");
                }
                if (!backgroundRemoval) {
                    boolean prompt = params.has("maskPrompt");
                    boolean image = params.has("maskImage");
                    if (prompt == image) {
                        throw malformed(at, "exactly one of [maskPrompt, maskImage] is required");
                    }
                    if (prompt && params.get("maskPrompt").asText("").isEmpty()) {
                        throw malformed(at + "/maskPrompt", "expected minLength: 1, actual: 0");
                    }
                    if (image) {
                        int[] mask = inputImageSize(params.get("maskImage"));
                        int[] source = inputImageSize(params.get("image"));
                        if (mask[0] != source[0] || mask[1] != source[1]) {
                            throw AnswerException.invalid("The mask image must have the same size as the input image.");
                        }
                    }
                    if (taskType.equals("OUTPAINTING") && !params.path("text").isTextual() && !canvas) {
                        throw malformed(at, "required key [text] not found");
                    }
                    String mode = params.path("outPaintingMode").asText("DEFAULT");
                    if (!mode.equals("DEFAULT") && !mode.equals("PRECISE")) {
                        throw malformed(at + "/outPaintingMode", mode + " is not a valid enum value; use DEFAULT or PRECISE");
                    }
                }
            }
            case "COLOR_GUIDED_GENERATION" -> {
                JsonNode colors = params.path("colors");
                if (!colors.isArray() || colors.isEmpty() || colors.size() > 10) {
                    throw malformed(at + "/colors", "expected between 1 and 10 items, actual: " + (colors.isArray()
                            ? colors.size() : 0));
                }
                for (int i = 0; i < colors.size(); i++) {
                    if (!HEX_COLOR.matcher(colors.get(i).asText("")).matches()) {
                        throw malformed(at + "/colors/" + i, "string [" + colors.get(i).asText("") + "] does not match pattern "
                                + HEX_COLOR.pattern());
                    }
                }
                if (params.has("referenceImage")) {
                    inputImageSize(params.get("referenceImage"));
                }
            }
            default -> {
            }
        }
    }

    private static void titanInputSide(String at, JsonNode image) {
        int[] size = inputImageSize(image);
        if (size != null && Math.max(size[0], size[1]) > 1408) {
            throw malformed(at, "the image must be at most 1408 pixels on the longer side, was " + size[0] + "x" + size[1]);
        }
    }

    private static void extraneous(JsonNode node, Set<String> allowed, String at) {
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!allowed.contains(key)) {
                throw malformed(at, "extraneous key [" + key + "] is not permitted");
            }
        }
    }

    /**
     * Stable Diffusion 3.5 Large does image-to-image with {@code mode} {@code image-to-image}, {@code image} and
     * {@code strength}; Stable Image Ultra with {@code image} and an optional {@code strength}, its only mode being
     * {@code text-to-image}; Stable Image Core only text-to-image.
     */
    private static void strictStability(String modelId, JsonNode body) {
        boolean core = modelId.contains("stable-image-core");
        boolean ultra = modelId.contains("stable-image-ultra");
        Set<String> allowed = core ? Set.of("prompt", "negative_prompt", "aspect_ratio", "seed", "output_format")
                : Set.of("prompt", "negative_prompt", "mode", "image", "strength", "aspect_ratio", "seed", "output_format");
        extraneous(body, allowed, "#");
        String mode = body.path("mode").asText("text-to-image");
        List<String> modes = ultra ? List.of("text-to-image") : List.of("text-to-image", "image-to-image");
        if (!modes.contains(mode)) {
            throw malformed("#/mode", mode + " is not a valid enum value; use " + String.join(" or ", modes));
        }
        if (ultra && body.has("image")) {
            if (body.has("strength") && (!body.get("strength").isNumber() || body.get("strength").asDouble() < 0
                    || body.get("strength").asDouble() > 1)) {
                throw malformed("#/strength", body.get("strength").asText() + " is not between 0 and 1");
            }
            if (body.has("aspect_ratio")) {
                throw malformed("#", "aspect_ratio is not permitted for image-to-image");
            }
        } else if (ultra && body.has("strength")) {
            throw malformed("#", "strength is permitted with an image only");
        } else if (mode.equals("image-to-image")) {
            if (!body.path("image").isTextual()) {
                throw malformed("#", "required key [image] not found");
            }
            if (!body.path("strength").isNumber()) {
                throw malformed("#", "required key [strength] not found");
            }
            double strength = body.get("strength").asDouble();
            if (strength < 0 || strength > 1) {
                throw malformed("#/strength", strength + " is not between 0 and 1");
            }
            if (body.has("aspect_ratio")) {
                throw malformed("#", "aspect_ratio is not permitted for image-to-image");
            }
        } else if (body.has("image") || body.has("strength")) {
            throw malformed("#", "image and strength are permitted for image-to-image only");
        }
    }

    // ------------------------------------------------------------------ the images

    /**
     * A deterministic image: a background and a mirrored 8 x 8 pattern of blocks in two more colours, all
     * chosen by a hash of the prompt, seed and index.
     */
    static byte[] image(String prompt, long seed, int index, int width, int height, String format) {
        SplittableRandom random = new SplittableRandom(digestLong(prompt + "\n" + seed + "\n" + index));
        int background = random.nextInt(0x1000000);
        int[] colors = {random.nextInt(0x1000000), random.nextInt(0x1000000)};
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        int cells = 8;
        int[][] pattern = new int[cells][cells];
        for (int y = 0; y < cells; y++) {
            for (int x = 0; x < cells / 2; x++) {
                int pick = random.nextInt(3);
                int color = pick == 2 ? background : colors[pick];
                pattern[y][x] = color;
                pattern[y][cells - 1 - x] = color;
            }
        }
        for (int y = 0; y < height; y++) {
            int cellY = Math.min(cells - 1, y * cells / height);
            for (int x = 0; x < width; x++) {
                row[x] = pattern[cellY][Math.min(cells - 1, x * cells / width)];
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("the JDK has no " + format + " image writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The width and height of a base64 PNG or JPEG input image, read from its header; {@code null} when none is given. */
    private static int[] inputImageSize(JsonNode image) {
        return inputImageSize(image, false);
    }

    /**
     * The width and height of a base64 input image: PNG or JPEG, and WebP when {@code webp} (Stability's image-to-image
     * takes "jpeg, png, webp"); {@code null} when none is given.
     */
    private static int[] inputImageSize(JsonNode image, boolean webp) {
        if (!image.isTextual()) {
            return null;
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(image.asText().replaceFirst("^data:[^,]*,", ""));
        } catch (IllegalArgumentException e) {
            throw malformed("#/image", "the image is not valid base64");
        }
        if (data.length > MAX_INPUT_IMAGE_BYTES) {
            throw malformed("#/image", "the image is larger than " + MAX_INPUT_IMAGE_BYTES + " bytes");
        }
        int[] size = webp ? webpSize(data) : null;
        if (size == null) {
            size = size(data);
        }
        if (size == null) {
            throw malformed("#/image", "the image is not a PNG or JPEG" + (webp ? " or WebP" : "") + " image");
        }
        return size;
    }

    /** The width and height of a PNG or JPEG image, read from its header without decoding the pixels; {@code null} when unreadable. */
    static int[] size(byte[] data) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                String name = reader.getFormatName().toLowerCase(java.util.Locale.ROOT);
                if (!name.equals("png") && !name.equals("jpeg")) {
                    return null;
                }
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The width and height of a WebP image from its VP8, VP8L or VP8X header; {@code null} when it is none. */
    static int[] webpSize(byte[] d) {
        if (d.length < 30 || d[0] != 'R' || d[1] != 'I' || d[2] != 'F' || d[3] != 'F' || d[8] != 'W' || d[9] != 'E'
                || d[10] != 'B' || d[11] != 'P' || d[12] != 'V' || d[13] != 'P' || d[14] != '8') {
            return null;
        }
        return switch (d[15]) {
            case ' ' -> new int[] {((d[26] & 0xFF) | (d[27] & 0xFF) << 8) & 0x3FFF, ((d[28] & 0xFF) | (d[29] & 0xFF) << 8)
                    & 0x3FFF};
            case 'L' -> new int[] {1 + (((d[22] & 0x3F) << 8) | (d[21] & 0xFF)),
                    1 + (((d[24] & 0x0F) << 10) | ((d[23] & 0xFF) << 2) | ((d[22] & 0xC0) >> 6))};
            case 'X' -> new int[] {1 + ((d[24] & 0xFF) | (d[25] & 0xFF) << 8 | (d[26] & 0xFF) << 16),
                    1 + ((d[27] & 0xFF) | (d[28] & 0xFF) << 8 | (d[29] & 0xFF) << 16)};
            default -> null;
        };
    }

    private static int intIn(JsonNode node, String field, int fallback, int min, int max, String at) {
        return (int) longIn(node, field, fallback, min, max, at);
    }

    private static long longIn(JsonNode node, String field, long fallback, long min, long max, String at) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong()) {
            throw malformed(at + "/" + field, "expected type: Integer, found: " + value.getNodeType());
        }
        long n = value.asLong();
        if (n < min || n > max) {
            throw malformed(at + "/" + field, n + " is not between " + min + " and " + max);
        }
        return n;
    }

    private static AnswerException malformed(String at, String problem) {
        return AnswerException.invalid("Malformed input request: " + at + ": " + problem + ", please reformat your input"
                + " and try again.");
    }

    private static long digestLong(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
