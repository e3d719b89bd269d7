package dev.bedrock4j.testkit;

import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.catalog.ModelCatalog;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.spi.Preflight;
import dev.bedrock4j.testkit.internal.BedrockChecks;
import dev.bedrock4j.testkit.internal.SdkErrors;
import dev.bedrock4j.testkit.internal.TextPieces;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link ChatModel} for unit tests: answers from a script, records every request, and checks each
 * request with the same pre-flight validation as the real model, so a test fails where production would:
 * a malformed model id when the fake is created, a blank text block, too many or too large images and
 * documents, or {@code maxTokens} over the model's output limit before the request is recorded. A model
 * id that is a likely typo of one the catalog knows fails every call, recorded, as Bedrock answers it
 * ({@link dev.bedrock4j.core.InvalidRequestException}, HTTP 400, "The provided model identifier is
 * invalid." with the likely intended id).
 *
 * <pre>{@code
 * FakeChatModel model = FakeChatModel.create();
 * model.enqueueText("P2");
 *
 * Priority priority = new TicketTriage(model).prioritize(new Ticket("Printer on fire"));
 *
 * assertThat(priority).isEqualTo(Priority.P2);
 * assertThat(model.lastRequest().lastUserText()).contains("Printer on fire");
 * }</pre>
 *
 * <p>Scripted answers are used first, in order; when none are left the responder set with
 * {@link #respondWith(Function)} answers; with neither, the call fails loudly, naming the request.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class FakeChatModel implements ChatModel {
    /** The model id fakes use when none is given. */
    public static final String DEFAULT_MODEL_ID = "fake.chat-model-v1:0";

    private final String modelId;
    private final ModelInfo info;
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private Function<ChatRequest, ChatResponse> responder;

    private FakeChatModel(String modelId, ModelInfo info) {
        this.modelId = modelId;
        this.info = info;
    }

    /**
     * A fake with the default id, which the catalog does not know, so every feature is accepted.
     *
     * @return the fake
     */
    public static FakeChatModel create() {
        return create(DEFAULT_MODEL_ID);
    }

    /**
     * A fake that poses as a model, validating requests against what the catalog knows about it.
     *
     * @param modelId the model id to pose as
     * @return the fake
     * @throws dev.bedrock4j.core.InvalidRequestException if the id is malformed, as {@code Bedrock.chat} throws
     */
    public static FakeChatModel create(String modelId) {
        Preflight.modelId(modelId, ModelCatalog.defaults());
        return new FakeChatModel(modelId, ModelCatalog.defaults().lookup(modelId));
    }

    /**
     * A fake that answers every request by echoing its last user text; handy for wiring tests.
     *
     * @return the fake
     */
    public static FakeChatModel echo() {
        FakeChatModel model = create();
        model.respondWith(request -> ChatResponse.ofText(request.lastUserText()));
        return model;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public synchronized ChatResponse call(ChatRequest request) {
        request.validateFor(info);
        requests.add(request);
        if (BedrockChecks.likelyTypo(modelId)) {
            throw BedrockException.from(SdkErrors.of(SdkErrors.RUNTIME, "ValidationException", 400,
                    BedrockChecks.INVALID_MODEL_ID), modelId);
        }
        Object next = script.poll();
        if (next == null) {
            if (responder == null) {
                throw new IllegalStateException("no scripted response for request #" + requests.size()
                        + " (model=" + modelId + ", user=\"" + TextPieces.abbreviate(request.lastUserText()) + "\");"
                        + " enqueue one or set respondWith(...)");
            }
            return withModel(responder.apply(request));
        }
        if (next instanceof BedrockException e) {
            throw e;
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return withModel((ChatResponse) next);
    }

    private ChatResponse withModel(ChatResponse response) {
        return response.modelId().isPresent() ? response : response.toBuilder().modelId(modelId).build();
    }

    /**
     * Scripts the next answer.
     *
     * @param response the answer
     * @return this
     */
    public synchronized FakeChatModel enqueue(ChatResponse response) {
        script.add(Objects.requireNonNull(response, "response"));
        return this;
    }

    /**
     * Scripts text answers, one per call, in order.
     *
     * @param texts the answers
     * @return this
     */
    public synchronized FakeChatModel enqueueText(String... texts) {
        for (String text : texts) {
            script.add(ChatResponse.ofText(text));
        }
        return this;
    }

    /**
     * Scripts a failure for the next call.
     *
     * @param error the exception to throw, such as a {@link dev.bedrock4j.core.ThrottledException}
     * @return this
     */
    public synchronized FakeChatModel enqueueError(RuntimeException error) {
        script.add(Objects.requireNonNull(error, "error"));
        return this;
    }

    /**
     * Answers every call the script does not cover with a function of the request.
     *
     * @param responder computes the answer
     * @return this
     */
    public synchronized FakeChatModel respondWith(Function<ChatRequest, ChatResponse> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    /**
     * Every request received, in order.
     *
     * @return an immutable snapshot
     */
    public synchronized List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * The most recent request.
     *
     * @return the request
     * @throws IllegalStateException if there was none
     */
    public synchronized ChatRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("FakeChatModel " + modelId + " has received no request");
        }
        return requests.get(requests.size() - 1);
    }

    /**
     * The number of requests received.
     *
     * @return the count
     */
    public synchronized int requestCount() {
        return requests.size();
    }

    /**
     * The number of scripted answers not used yet.
     *
     * @return the count
     */
    public synchronized int remaining() {
        return script.size();
    }

    /**
     * Forgets the recorded requests and the script; the responder stays.
     *
     * @return this
     */
    public synchronized FakeChatModel clear() {
        requests.clear();
        script.clear();
        return this;
    }

    @Override
    public String toString() {
        return "FakeChatModel[" + modelId + "]";
    }
}
