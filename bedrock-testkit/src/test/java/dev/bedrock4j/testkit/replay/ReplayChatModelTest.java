package dev.bedrock4j.testkit.replay;

import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThat;
import static dev.bedrock4j.testkit.assertj.BedrockAssertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.StopReason;
import dev.bedrock4j.core.chat.ToolDefinition;
import dev.bedrock4j.core.chat.Usage;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record through a fake standing in for the real model, then replay without it. */
class ReplayChatModelTest {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @TempDir
    Path recordings;

    private final FakeChatModel real = FakeChatModel.create(MODEL);

    private static ChatRequest triage(String ticket) {
        return ChatRequest.builder().system("Answer with P1, P2 or P3.").user(ticket).maxTokens(5).temperature(0.3).build();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(recordings)) {
            return files.sorted().toList();
        }
    }

    @Test
    void recordsEachExchangeAsReadableJsonAndReplaysItWithoutTheRealModel() throws IOException {
        ChatResponse answer = ChatResponse.builder().text("P1").usage(Usage.of(20, 2)).latency(Duration.ofMillis(350)).build();
        real.enqueue(answer).enqueueText("P3");
        ReplayChatModel recorder = ReplayChatModel.of(real, recordings, ReplayMode.RECORD);

        assertThat(recorder.call(triage("Printer on fire"))).hasText("P1");
        assertThat(recorder.call(triage("Need a new mouse"))).hasText("P3");

        assertThat(files()).hasSize(2).allSatisfy(f -> assertThat(f.getFileName().toString()).matches("[0-9a-f]{20}\\.json"));
        Path file = recorder.recordingOf(triage("Printer on fire"));
        String content = Files.readString(file);
        assertThat(content).contains("\n  \"modelId\" : \"" + MODEL + "\"").contains("\n    \"messages\" : [");
        assertThat(file.getParent()).isEqualTo(recordings);
        JsonNode json = JsonSupport.parse(content);
        assertThat(json.path("request").path("system").get(0).path("text").asText()).isEqualTo("Answer with P1, P2 or P3.");
        assertThat(json.path("request").path("messages").get(0).path("content").get(0).path("text").asText())
                .isEqualTo("Printer on fire");
        assertThat(json.path("response").path("output").path("message").path("content").get(0).path("text").asText())
                .isEqualTo("P1");

        ReplayChatModel replay = ReplayChatModel.replaying(MODEL, recordings);
        ChatResponse replayed = replay.call(triage("Printer on fire"));
        assertThat(replayed).hasText("P1").hasStopReason(StopReason.END_TURN).hasUsage(20, 2).hasModelId(MODEL);
        assertThat(replayed.latency()).isEqualTo(Duration.ofMillis(350));
        assertThat(replay.call(triage("Need a new mouse"))).hasText("P3");
        assertThat(real).hasRequestCount(2);
    }

    @Test
    void replayOfARequestNeverRecordedNamesItsLastUserTextAndTheFileExpected() {
        ReplayChatModel replay = ReplayChatModel.of(real, recordings, ReplayMode.REPLAY);
        ChatRequest request = triage("The scanner   eats\npaper");

        assertThatThrownBy(() -> replay.call(request))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no recording of the request to " + MODEL + " with the last user text \"The scanner eats paper\":"
                        + " expected " + replay.recordingOf(request)
                        + "; record it against the real model with ReplayMode.RECORD_MISSING");
        assertThat(real).hasNoRequests();
    }

    @Test
    void everySettingOfTheRequestAndTheModelIdArePartOfTheKey() {
        ReplayChatModel replay = ReplayChatModel.replaying(MODEL, recordings);
        Path base = replay.recordingOf(triage("Printer on fire"));

        assertThat(replay.recordingOf(triage("Printer on fire"))).isEqualTo(base);
        assertThat(Stream.of(
                triage("Printer on fire!"),
                triage("Printer on fire").toBuilder().maxTokens(6).build(),
                triage("Printer on fire").toBuilder().temperature(0.4).build(),
                triage("Printer on fire").toBuilder().system("Be brief.").build(),
                triage("Printer on fire").toBuilder().tools(ToolDefinition.of("lookup", "Finds.", JsonSupport.parse("{}"))).build())
                .map(replay::recordingOf)).doesNotContain(base).doesNotHaveDuplicates();
        assertThat(ReplayChatModel.replaying("amazon.nova-lite-v1:0", recordings).recordingOf(triage("Printer on fire")))
                .isNotEqualTo(base);
    }

    @Test
    void recordMissingReplaysWhatIsRecordedAndRecordsTheRest() throws IOException {
        real.enqueueText("P1");
        ReplayChatModel.of(real, recordings, ReplayMode.RECORD).call(triage("Printer on fire"));

        real.enqueueText("P2", "P3");
        ReplayChatModel model = ReplayChatModel.of(real, recordings, ReplayMode.RECORD_MISSING);
        assertThat(model.call(triage("Printer on fire"))).hasText("P1");
        assertThat(model.call(triage("Fax is slow"))).hasText("P2");
        assertThat(model.call(triage("Fax is slow"))).hasText("P2");

        assertThat(real).hasRequestCount(2).lastRequest().hasLastUserText("Fax is slow");
        assertThat(files()).hasSize(2);
    }

    @Test
    void recordCallsTheRealModelAgainAndReplacesTheRecording() {
        real.enqueueText("P1", "P2");
        ReplayChatModel recorder = ReplayChatModel.of(real, recordings, ReplayMode.RECORD);
        recorder.call(triage("Printer on fire"));
        recorder.call(triage("Printer on fire"));

        assertThat(real).hasRequestCount(2);
        assertThat(ReplayChatModel.replaying(MODEL, recordings).call(triage("Printer on fire"))).hasText("P2");
    }

    @Test
    void aFailedCallIsNotRecorded() throws IOException {
        real.enqueueError(new ThrottledException("slow down"));
        ReplayChatModel recorder = ReplayChatModel.of(real, recordings, ReplayMode.RECORD_MISSING);

        assertThatThrownBy(() -> recorder.call(triage("Printer on fire"))).isInstanceOf(ThrottledException.class);
        assertThat(files()).isEmpty();
    }

    @Test
    void streamingReplaysTheRecordedAnswerAsEvents() {
        real.enqueue(ChatResponse.builder().message(Message.assistant(new ContentBlock.Text("Let me look it up."),
                new ContentBlock.ToolUse("t1", "lookup", JsonSupport.parse("{\"id\":7}")))).stopReason(StopReason.TOOL_USE).build());
        ReplayChatModel.of(real, recordings, ReplayMode.RECORD).call(triage("Printer on fire"));

        ReplayChatModel replay = ReplayChatModel.replaying(MODEL, recordings);
        StringBuilder text = new StringBuilder();
        ChatResponse streamed = replay.stream(triage("Printer on fire")).forEachText(text::append).join();

        assertThat(text.toString()).isEqualTo("Let me look it up.");
        assertThat(streamed).hasToolUse("lookup").hasStopReason(StopReason.TOOL_USE);
        assertThat(streamed.toolUses().get(0).input().path("id").asInt()).isEqualTo(7);
    }

    @Test
    void aRecordingEditedToHoldAnotherRequestIsRejected() throws IOException {
        real.enqueueText("P1");
        ReplayChatModel recorder = ReplayChatModel.of(real, recordings, ReplayMode.RECORD);
        recorder.call(triage("Printer on fire"));
        Path file = recorder.recordingOf(triage("Printer on fire"));
        Files.writeString(file, Files.readString(file).replace("Printer on fire", "Printer is fine"));

        assertThatThrownBy(() -> ReplayChatModel.replaying(MODEL, recordings).call(triage("Printer on fire")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the recording " + file + " holds another request than the one it is named for"
                        + " (was it edited by hand?); delete it and record it again");
    }

    @Test
    void theModeComesFromASystemProperty() {
        String property = "bedrock4j.test.replay-mode";
        try {
            assertThat(ReplayMode.fromSystemProperty(property, ReplayMode.REPLAY)).isEqualTo(ReplayMode.REPLAY);
            System.setProperty(property, "Record-Missing");
            assertThat(ReplayMode.fromSystemProperty(property, ReplayMode.REPLAY)).isEqualTo(ReplayMode.RECORD_MISSING);
            System.setProperty(property, "record");
            assertThat(ReplayMode.fromSystemProperty(property, ReplayMode.REPLAY)).isEqualTo(ReplayMode.RECORD);
            System.setProperty(property, "playback");
            assertThatThrownBy(() -> ReplayMode.fromSystemProperty(property, ReplayMode.REPLAY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("system property bedrock4j.test.replay-mode is \"playback\", which names no replay mode;"
                            + " use one of [record, replay, record_missing], or leave it unset for replay");
        } finally {
            System.clearProperty(property);
        }
    }
}
