package dev.bedrock4j.production.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.production.batch.BatchInference;
import dev.bedrock4j.production.batch.BatchResult;
import dev.bedrock4j.production.batch.BulkItem;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.invoke.NativeFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import dev.bedrock4j.testkit.FakeBedrockControlPlaneClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobRequest;

class BatchInferenceTest {

    static List<BulkItem> items(int n) {
        return IntStream.range(0, n).mapToObj(i -> BulkItem.of("rec-" + i, "document " + i)).toList();
    }

    @Test
    void recordsAreWrittenInTheModelsNativeFormatAndReadBack() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written = BatchInference.writeRecords(items(120).iterator(),
                item -> ChatRequest.builder().system("Summarise.").user(item.text()).maxTokens(100).build(),
                NativeFormat.anthropicMessages(), out);
        assertThat(written).isEqualTo(120);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(120);
        JsonNode first = JsonSupport.parse(lines[0]);
        assertThat(first.get("recordId").asText()).isEqualTo("rec-0");
        assertThat(first.at("/modelInput/anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(first.at("/modelInput/messages/0/content/0/text").asText()).isEqualTo("document 0");

        // the job's output echoes each record with modelOutput, or an error
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            JsonNode record = JsonSupport.parse(lines[i]);
            output.append("{\"recordId\":\"").append(record.get("recordId").asText()).append("\",\"modelInput\":")
                    .append(record.get("modelInput")).append(",\"modelOutput\":{\"content\":[{\"type\":\"text\",\"text\":\"summary ")
                    .append(i).append("\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":7,\"output_tokens\":2}}}\n");
        }
        output.append("{\"recordId\":\"rec-3\",\"modelInput\":{},\"error\":{\"errorCode\":400,\"errorMessage\":\"Malformed input\"}}\n");
        List<BatchResult> results = BatchInference.readResults(
                new ByteArrayInputStream(output.toString().getBytes(StandardCharsets.UTF_8)), NativeFormat.anthropicMessages());
        assertThat(results).hasSize(4);
        assertThat(results.get(1).response().text()).isEqualTo("summary 1");
        assertThat(results.get(1).response().usage().inputTokens()).isEqualTo(7);
        assertThat(results.get(3).succeeded()).isFalse();
        assertThat(results.get(3).error()).isEqualTo("400: Malformed input");
    }

    @Test
    void recordProblemsAreCaughtBeforeUpload() {
        assertThatThrownBy(() -> BatchInference.writeRecords(items(10).iterator(), i -> ChatRequest.of(i.text()),
                NativeFormat.titanText(), new ByteArrayOutputStream()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least 100 records, got 10");
        List<BulkItem> duplicated = new ArrayList<>(items(150));
        duplicated.add(BulkItem.of("rec-7", "again"));
        assertThatThrownBy(() -> BatchInference.writeRecords(duplicated.iterator(), i -> ChatRequest.of(i.text()),
                NativeFormat.titanText(), new ByteArrayOutputStream()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'rec-7' appears twice");
    }

    @Test
    void submitsAndPollsAJobUntilItEnds() {
        String jobArn = "arn:aws:bedrock:us-east-1:1:model-invocation-job/abc";
        FakeBedrockControlPlaneClient bedrock = FakeBedrockControlPlaneClient.create()
                .enqueue(FakeBedrockControlPlaneClient.invocationJobCreated(jobArn))
                .enqueue(FakeBedrockControlPlaneClient.invocationJob(jobArn, "Submitted", null))
                .enqueue(FakeBedrockControlPlaneClient.throttling())
                .enqueue(FakeBedrockControlPlaneClient.invocationJob(jobArn, "InProgress", null))
                .enqueue(FakeBedrockControlPlaneClient.invocationJob(jobArn, "Completed", null));
        BatchInference batch = BatchInference.create(bedrock);
        String arn = batch.submit("job-1", "anthropic.claude-3-haiku-20240307-v1:0", "arn:aws:iam::1:role/r",
                "s3://bucket/in/", "s3://bucket/out/");
        assertThat(batch.await(arn, Duration.ofMillis(1), Duration.ofSeconds(5))).isEqualTo("Completed");
        assertThat(arn).isEqualTo(jobArn);
        CreateModelInvocationJobRequest request = bedrock.lastRequest(CreateModelInvocationJobRequest.class);
        assertThat(request.inputDataConfig().s3InputDataConfig().s3Uri()).isEqualTo("s3://bucket/in/");
        assertThat(request.outputDataConfig().s3OutputDataConfig().s3Uri()).isEqualTo("s3://bucket/out/");
        assertThat(request.modelId()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
    }

    @Test
    void aFailedJobReportsBedrocksMessage() {
        FakeBedrockControlPlaneClient bedrock = FakeBedrockControlPlaneClient.create()
                .enqueue(FakeBedrockControlPlaneClient.invocationJob("arn:job", "InProgress", null))
                .enqueue(FakeBedrockControlPlaneClient.invocationJob("arn:job", "Failed", "Role cannot read the input"));
        BatchInference batch = BatchInference.create(bedrock);
        assertThatThrownBy(() -> batch.await("arn:job", Duration.ofMillis(1), Duration.ofSeconds(5)))
                .isInstanceOf(BedrockException.class).hasMessageContaining("ended Failed: Role cannot read the input");
        assertThatThrownBy(() -> batch.submit("j", "m", "r", "bucket/in", "s3://b/out"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("inputS3Uri must be an s3:// URI");
    }
}
