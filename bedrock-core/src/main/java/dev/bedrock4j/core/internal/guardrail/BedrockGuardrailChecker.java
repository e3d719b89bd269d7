package dev.bedrock4j.core.internal.guardrail;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.Guardrail;
import dev.bedrock4j.core.guardrail.GuardrailChecker;
import dev.bedrock4j.core.guardrail.GuardrailRequest;
import dev.bedrock4j.core.guardrail.GuardrailResult;
import dev.bedrock4j.core.internal.RuntimeClients;
import dev.bedrock4j.core.spi.SdkJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;

/** The {@link GuardrailChecker} backed by {@code ApplyGuardrail}. Thread-safe. */
public final class BedrockGuardrailChecker implements GuardrailChecker {
    // bedrock-runtime service model: GuardrailIdentifier and GuardrailVersion
    private static final Pattern IDENTIFIER = Pattern.compile(
            "([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+)");
    private static final Pattern VERSION = Pattern.compile("([1-9][0-9]{0,7})|(DRAFT)");

    private final RuntimeClients clients;
    private final Guardrail guardrail;

    /**
     * Creates the checker, checking the id and version.
     *
     * @throws InvalidRequestException if the id or version does not have Bedrock's form
     */
    public BedrockGuardrailChecker(RuntimeClients clients, Guardrail guardrail) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.guardrail = check(guardrail);
    }

    /** Checks a guardrail's id and version as Bedrock would, naming the field at fault. */
    public static Guardrail check(Guardrail guardrail) {
        Objects.requireNonNull(guardrail, "guardrail");
        if (!IDENTIFIER.matcher(guardrail.id()).matches()) {
            throw new InvalidRequestException("guardrail.id", "the guardrail id must be the lower-case id Bedrock gave the"
                    + " guardrail (such as gr7abc123xyz) or its ARN, was \"" + guardrail.id() + "\"");
        }
        if (!VERSION.matcher(guardrail.version()).matches()) {
            throw new InvalidRequestException("guardrail.version", "the guardrail version must be DRAFT or a version number"
                    + " such as 1, was \"" + guardrail.version() + "\"");
        }
        return guardrail;
    }

    @Override
    public Guardrail guardrail() {
        return guardrail;
    }

    @Override
    public GuardrailResult check(GuardrailRequest request) {
        ApplyGuardrailRequest.Builder sdk = ApplyGuardrailRequest.builder()
                .guardrailIdentifier(guardrail.id())
                .guardrailVersion(guardrail.version())
                .source(request.source().name())
                .outputScope(request.fullAssessment() ? "FULL" : "INTERVENTIONS")
                .content(content(Objects.requireNonNull(request, "request")));
        clients.applyOverrides(sdk);
        ApplyGuardrailResponse response;
        try {
            response = clients.applyGuardrail(sdk.build());
        } catch (RuntimeException e) {
            throw clients.failure(e, null);
        }
        return GuardrailWire.result(SdkJson.toJson(response));
    }

    private static List<GuardrailContentBlock> content(GuardrailRequest request) {
        List<GuardrailContentBlock> blocks = new ArrayList<>();
        boolean guarded = false;
        boolean source = false;
        boolean query = false;
        for (int i = 0; i < request.content().size(); i++) {
            GuardrailRequest.Content block = request.content().get(i);
            if (block instanceof GuardrailRequest.Text text) {
                if (text.qualifier() == GuardrailRequest.Qualifier.GUARD_CONTENT) {
                    guarded |= !text.text().isBlank();
                } else if (text.text().isBlank()) {
                    throw new InvalidRequestException("content[" + i + "]", "the " + text.qualifier().wireName()
                            + " text is blank; a contextual grounding check needs something to compare with");
                }
                source |= text.qualifier() == GuardrailRequest.Qualifier.GROUNDING_SOURCE;
                query |= text.qualifier() == GuardrailRequest.Qualifier.QUERY;
                blocks.add(GuardrailContentBlock.fromText(GuardrailTextBlock.builder().text(text.text())
                        .qualifiersWithStrings(text.qualifier().wireName()).build()));
            } else if (block instanceof GuardrailRequest.Image image) {
                if (!image.format().equals("png") && !image.format().equals("jpeg")) {
                    throw new InvalidRequestException("content[" + i + "].format", "a guardrail checks png or jpeg images,"
                            + " was \"" + image.format() + "\"");
                }
                if (image.bytes().length == 0) {
                    throw new InvalidRequestException("content[" + i + "].bytes", "the image is empty");
                }
                guarded = true;
                blocks.add(GuardrailContentBlock.fromImage(GuardrailImageBlock.builder().format(image.format())
                        .source(s -> s.bytes(SdkBytes.fromByteArrayUnsafe(image.bytes()))).build()));
            }
        }
        if (!guarded) {
            throw new InvalidRequestException("content", "there is nothing to guard: give a non-blank text or an image to"
                    + " check (grounding sources and queries are only compared with it)");
        }
        if (source != query) {
            throw new InvalidRequestException("content", "a contextual grounding check needs both a grounding source and a"
                    + " query; add " + (source ? "withQuery(question)" : "withGroundingSource(passages)"));
        }
        return blocks;
    }
}
