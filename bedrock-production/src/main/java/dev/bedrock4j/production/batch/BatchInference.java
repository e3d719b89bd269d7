package dev.bedrock4j.production.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.Polling;
import dev.bedrock4j.core.invoke.NativeFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.bedrock.BedrockClient;
import software.amazon.awssdk.services.bedrock.model.CreateModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.GetModelInvocationJobResponse;
import software.amazon.awssdk.services.bedrock.model.ModelInvocationJobStatus;

/**
 * Bedrock batch inference, the managed path for runs that outgrow one machine: write the record JSONL
 * that {@code CreateModelInvocationJob} takes, submit the job, poll it, and read its output back.
 * Uploading the records to S3 and downloading the output are left to your S3 client.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("records.jsonl"))) {
 *     BatchInference.writeRecords(items, item -> ChatRequest.of(item.text()), NativeFormat.anthropicMessages(), out);
 * }
 * // upload records.jsonl to s3://my-bucket/in/
 * BatchInference batch = BatchInference.create(BedrockClient.create());
 * String jobArn = batch.submit("summaries-2026-11", "anthropic.claude-3-haiku-20240307-v1:0",
 *         "arn:aws:iam::123456789012:role/BedrockBatch", "s3://my-bucket/in/", "s3://my-bucket/out/");
 * batch.await(jobArn, Duration.ofMinutes(1), Duration.ofHours(24));
 * // download s3://my-bucket/out/.../records.jsonl.out, then:
 * List<BatchResult> results = BatchInference.readResults(in, NativeFormat.anthropicMessages());
 * }</pre>
 *
 * <p>Thread-safe; create one and share it.
 */
public final class BatchInference {
    /** Bedrock's default minimum number of records in a batch job. */
    public static final int MIN_RECORDS = 100;
    private static final java.util.Set<ModelInvocationJobStatus> TERMINAL = java.util.EnumSet.of(
            ModelInvocationJobStatus.COMPLETED, ModelInvocationJobStatus.PARTIALLY_COMPLETED, ModelInvocationJobStatus.FAILED,
            ModelInvocationJobStatus.STOPPED, ModelInvocationJobStatus.EXPIRED);

    private final BedrockClient controlPlane;

    private BatchInference(BedrockClient controlPlane) {
        this.controlPlane = Objects.requireNonNull(controlPlane, "controlPlane");
    }

    /**
     * Batch inference through a control-plane client, which stays yours to close.
     *
     * @param controlPlane the {@code bedrock} control-plane client
     * @return the batch inference helper
     */
    public static BatchInference create(BedrockClient controlPlane) {
        return new BatchInference(controlPlane);
    }

    /**
     * Writes the record JSONL a batch job reads: one {@code {"recordId":..,"modelInput":{..}}} line per item,
     * the model input in the model family's native format.
     *
     * @param items the items; ids must be unique
     * @param requests builds each item's request
     * @param format the target model's native format
     * @param out where to write; not closed
     * @return the number of records written
     * @throws InvalidRequestException if an id repeats or fewer than {@link #MIN_RECORDS} records were written
     */
    public static int writeRecords(Iterator<BulkItem> items, Function<BulkItem, ChatRequest> requests, NativeFormat format,
                                   OutputStream out) {
        Set<String> ids = new HashSet<>();
        int count = 0;
        try {
            while (items.hasNext()) {
                BulkItem item = items.next();
                if (!ids.add(item.id())) {
                    throw new InvalidRequestException("recordId", "record id '" + item.id()
                            + "' appears twice; batch outputs are matched to inputs by record id, so ids must be unique");
                }
                ObjectNode record = JsonSupport.object();
                record.put("recordId", item.id());
                record.set("modelInput", format.toBody(requests.apply(item)));
                out.write(JsonSupport.bytes(record));
                out.write('\n');
                count++;
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write batch records: " + e.getMessage(), e);
        }
        if (count < MIN_RECORDS) {
            throw new InvalidRequestException("records", "a batch job needs at least " + MIN_RECORDS
                    + " records, got " + count + "; run small sets with BulkRunner instead");
        }
        return count;
    }

    /**
     * Reads a batch job's output JSONL ({@code .jsonl.out}) back into results.
     *
     * @param in the output file's content; not closed
     * @param format the model family's native format, to read each {@code modelOutput}
     * @return the results, in file order
     */
    public static List<BatchResult> readResults(InputStream in, NativeFormat format) {
        List<BatchResult> results = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode record = JsonSupport.parse(line);
                String id = record.path("recordId").asText();
                if (record.hasNonNull("modelOutput")) {
                    results.add(new BatchResult(id, format.fromBody(record.get("modelOutput")), null));
                } else {
                    JsonNode error = record.path("error");
                    String message = error.isObject()
                            ? error.path("errorCode").asText("") + ": " + error.path("errorMessage").asText("")
                            : error.asText("no output and no error");
                    results.add(new BatchResult(id, null, message));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read batch output: " + e.getMessage(), e);
        }
        return results;
    }

    /**
     * Submits a batch inference job.
     *
     * @param jobName a name unique in the account and region
     * @param modelId the model or inference profile
     * @param roleArn an IAM role Bedrock assumes to read and write the S3 locations
     * @param inputS3Uri the S3 folder or file with the record JSONL
     * @param outputS3Uri the S3 folder for the output
     * @return the job's ARN
     * @throws BedrockException if Bedrock refuses the job
     */
    public String submit(String jobName, String modelId, String roleArn, String inputS3Uri, String outputS3Uri) {
        requireS3("inputS3Uri", inputS3Uri);
        requireS3("outputS3Uri", outputS3Uri);
        try {
            CreateModelInvocationJobResponse response = controlPlane.createModelInvocationJob(r -> r
                    .jobName(jobName)
                    .modelId(modelId)
                    .roleArn(roleArn)
                    .inputDataConfig(c -> c.s3InputDataConfig(s -> s.s3Uri(inputS3Uri).s3InputFormat("JSONL")))
                    .outputDataConfig(c -> c.s3OutputDataConfig(s -> s.s3Uri(outputS3Uri))));
            return response.jobArn();
        } catch (RuntimeException e) {
            throw BedrockException.from(e, modelId);
        }
    }

    /**
     * The job's current status.
     *
     * @param jobArn the job's ARN
     * @return the status as Bedrock reports it, such as {@code InProgress} or {@code Completed}
     */
    public String status(String jobArn) {
        try {
            return get(jobArn).statusAsString();
        } catch (RuntimeException e) {
            throw BedrockException.from(e, null);
        }
    }

    /**
     * Polls until the job ends.
     *
     * @param jobArn the job's ARN
     * @param interval the wait between polls
     * @param timeout how long to wait in all
     * @return the final status, {@code Completed} or {@code PartiallyCompleted}
     * @throws BedrockException if the job failed, stopped or expired (with Bedrock's message), or the timeout passed
     */
    public String await(String jobArn, Duration interval, Duration timeout) {
        Polling.Outcome<GetModelInvocationJobResponse> outcome = Polling.until(() -> get(jobArn),
                job -> TERMINAL.contains(job.status()), interval, timeout, "batch job " + jobArn);
        GetModelInvocationJobResponse job = outcome.last();
        if (!outcome.finished()) {
            throw new BedrockException("batch job " + jobArn + " is still " + (job == null ? "unknown" : job.statusAsString())
                    + " after " + timeout + "; it keeps running: poll again later or stop it");
        }
        if (job.status() != ModelInvocationJobStatus.COMPLETED && job.status() != ModelInvocationJobStatus.PARTIALLY_COMPLETED) {
            throw new BedrockException("batch job " + jobArn + " ended " + job.statusAsString()
                    + (job.message() == null ? "" : ": " + job.message()));
        }
        return job.statusAsString();
    }

    private GetModelInvocationJobResponse get(String jobArn) {
        return controlPlane.getModelInvocationJob(r -> r.jobIdentifier(jobArn));
    }

    private static void requireS3(String field, String uri) {
        if (uri == null || !uri.startsWith("s3://")) {
            throw new InvalidRequestException(field, field + " must be an s3:// URI, was '" + uri + "'");
        }
    }

}
