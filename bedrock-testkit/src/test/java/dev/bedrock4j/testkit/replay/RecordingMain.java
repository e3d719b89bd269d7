package dev.bedrock4j.testkit.replay;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Records in its own JVM: {@code <directory> <from> <to>} says {@code READY}, waits for a line on its standard
 * input (so two children start recording together), records the questions {@code from..to-1} in
 * {@link ReplayMode#RECORD}, and says {@code RECORDED <count>}.
 */
public final class RecordingMain {
    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    private RecordingMain() {
    }

    static ChatRequest question(int i) {
        return ChatRequest.builder().system("Answer briefly.").user("question " + i).build();
    }

    public static void main(String[] args) throws IOException {
        FakeChatModel real = FakeChatModel.create(MODEL)
                .respondWith(request -> ChatResponse.ofText("answer to " + request.lastUserText() + " "
                        + "padding ".repeat(500)));
        ReplayChatModel recorder = ReplayChatModel.of(real, Path.of(args[0]), ReplayMode.RECORD);
        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        for (int i = from; i < to; i++) {
            recorder.call(question(i));
        }
        System.out.println("RECORDED " + (to - from));
    }
}
