package dev.bedrock4j.testkit.replay;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.internal.ExchangeFiles;
import dev.bedrock4j.testkit.internal.TextPieces;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ChatModel} that records the exchanges of a real model as JSON files and replays them later,
 * so tests of code that talks to a model run offline, fast and repeatably on real answers.
 *
 * <pre>{@code
 * ChatModel real = bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0");
 * ChatModel model = ReplayChatModel.of(real, Path.of("src/test/resources/bedrock-recordings"),
 *         ReplayMode.fromSystemProperty("bedrock4j.replay", ReplayMode.REPLAY));
 *
 * Priority priority = new TicketTriage(model).prioritize("Printer on fire");   // from the recording
 * }</pre>
 *
 * <h2>Recordings</h2>
 * <p>One file per exchange, {@code <hash>.json} in the directory, where the hash is taken over the model
 * id and the canonical Converse JSON of the request (every setting counts: system prompt, turns, tools,
 * inference settings); a changed request needs a new recording. The file holds the model id, the request
 * and the response as Converse JSON, pretty-printed, so it reads well and diffs well in review. Only
 * these bodies are stored: headers, signatures and credentials never are, since the model is called
 * through the {@link ChatModel} interface, above the transport.
 *
 * <h2>Modes</h2>
 * <p>{@link ReplayMode#REPLAY} never calls the real model and fails with an {@link IllegalStateException}
 * naming the request's last user text and the file it expected; {@link ReplayMode#RECORD} always calls
 * the real model and records; {@link ReplayMode#RECORD_MISSING} replays what is recorded and records what is
 * not. A call that fails is not recorded; its exception reaches the caller. Streaming uses the default
 * {@link ChatModel#stream(ChatRequest)}: the answer, recorded or replayed, arrives as replayed events.
 *
 * <h2>Sharing a directory</h2>
 * <p>Recordings need no lock, so test JVMs running in parallel (forked test runners, several modules) may
 * record into and replay from one directory at once. Each recording is written to a temporary file of its own
 * and renamed into place atomically: writers never share a temporary file, a reader sees a whole recording or
 * none, and two JVMs that record the same request leave one whole recording of it, the one written last.
 *
 * <p>Thread-safe; create one and share it. Process-safe: any number of processes may share a directory.
 */
public final class ReplayChatModel implements ChatModel {
    private final ChatModel model;
    private final String modelId;
    private final ExchangeFiles files;
    private final ReplayMode mode;

    private ReplayChatModel(ChatModel model, String modelId, Path directory, ReplayMode mode) {
        this.model = model;
        this.modelId = modelId;
        this.files = new ExchangeFiles(directory);
        this.mode = mode;
    }

    /**
     * Wraps a real model.
     *
     * @param model the real model; its {@link ChatModel#modelId()} is part of each recording's key. In
     *              {@link ReplayMode#REPLAY} it is never called, so it needs no credentials.
     * @param directory where the recordings are, created on the first recording
     * @param mode what to do with each request
     * @return the model
     */
    public static ReplayChatModel of(ChatModel model, Path directory, ReplayMode mode) {
        Objects.requireNonNull(model, "model");
        return new ReplayChatModel(model, Objects.requireNonNull(model.modelId(), "model.modelId()"),
                Objects.requireNonNull(directory, "directory"), Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Replays recordings without a real model at hand, in {@link ReplayMode#REPLAY}.
     *
     * @param modelId the id of the model that was recorded
     * @param directory where the recordings are
     * @return the model
     */
    public static ReplayChatModel replaying(String modelId, Path directory) {
        return new ReplayChatModel(null, Objects.requireNonNull(modelId, "modelId"),
                Objects.requireNonNull(directory, "directory"), ReplayMode.REPLAY);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /**
     * What this model does with each request.
     *
     * @return the mode
     */
    public ReplayMode mode() {
        return mode;
    }

    /**
     * The directory of the recordings.
     *
     * @return the directory
     */
    public Path directory() {
        return files.directory();
    }

    /**
     * The file that holds, or would hold, the recorded exchange of a request.
     *
     * @param request the request
     * @return the file's path
     */
    public Path recordingOf(ChatRequest request) {
        return files.fileFor(modelId, Objects.requireNonNull(request, "request"));
    }

    /**
     * Answers from the recording or the real model, as the mode says.
     *
     * @param request the request
     * @return the recorded or the real answer
     * @throws IllegalStateException in {@link ReplayMode#REPLAY} when the request was not recorded, naming
     *         its last user text and the file expected
     */
    @Override
    public ChatResponse call(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        if (mode != ReplayMode.RECORD) {
            Optional<ChatResponse> recorded = files.read(modelId, request);
            if (recorded.isPresent()) {
                return recorded.get();
            }
            if (mode == ReplayMode.REPLAY) {
                throw new IllegalStateException("no recording of the request to " + modelId + " with the last user text \""
                        + TextPieces.abbreviate(request.lastUserText()) + "\": expected " + recordingOf(request)
                        + "; record it against the real model with ReplayMode.RECORD_MISSING");
            }
        }
        ChatResponse response = model.call(request);
        files.write(modelId, request, response);
        return response;
    }

    @Override
    public String toString() {
        return "ReplayChatModel[" + modelId + ", " + mode + ", " + files.directory() + "]";
    }
}
