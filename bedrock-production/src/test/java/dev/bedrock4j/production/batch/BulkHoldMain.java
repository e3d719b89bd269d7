package dev.bedrock4j.production.batch;

import dev.bedrock4j.core.FileInUseException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.FakeChatModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A bulk run in its own JVM that holds its files as long as the test wants: {@code <input> <output> <held id>}
 * runs over the input, and the call for the held item says {@code WAITING} and waits for a line on the standard
 * input; the run then ends and says {@code DONE <succeeded> <skipped>}. A run that meets another writer says
 * {@code IN_USE <message>} and exits {@value #IN_USE_STATUS}.
 */
public final class BulkHoldMain {
    static final int IN_USE_STATUS = 3;

    private BulkHoldMain() {
    }

    public static void main(String[] args) {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String held = "document number " + args[2].substring("doc-".length());
        FakeChatModel model = FakeChatModel.create().respondWith(request -> {
            if (request.lastUserText().equals(held)) {
                System.out.println("WAITING");
                System.out.flush();
                try {
                    stdin.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return ChatResponse.ofText("summary of " + request.lastUserText());
        });
        try {
            BulkReport report = BulkRunner.builder(model)
                    .requests(item -> ChatRequest.of(item.text()))
                    .output(Path.of(args[1]))
                    .initialConcurrency(4).maxConcurrency(4)
                    .build()
                    .run(Path.of(args[0]));
            System.out.println("DONE " + report.succeeded() + " " + report.skipped());
        } catch (FileInUseException e) {
            System.out.println("IN_USE " + e.getMessage());
            System.out.flush();
            System.exit(IN_USE_STATUS);
        }
    }
}
