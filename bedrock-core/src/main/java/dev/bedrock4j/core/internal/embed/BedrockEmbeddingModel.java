package dev.bedrock4j.core.internal.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ModelErrorException;
import dev.bedrock4j.core.catalog.ModelFamily;
import dev.bedrock4j.core.catalog.ModelInfo;
import dev.bedrock4j.core.embed.Embedding;
import dev.bedrock4j.core.embed.EmbeddingModel;
import dev.bedrock4j.core.embed.EmbeddingOptions;
import dev.bedrock4j.core.embed.EmbeddingResponse;
import dev.bedrock4j.core.embed.InputType;
import dev.bedrock4j.core.internal.BedrockNativeModel;
import dev.bedrock4j.core.internal.ExceptionMapper;
import dev.bedrock4j.core.internal.RuntimeClients;
import dev.bedrock4j.core.internal.ServiceChecks;
import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.core.spi.Preflight;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;

/**
 * The {@link EmbeddingModel} over {@code InvokeModel}. A call checks its texts, splits them into requests
 * of at most {@link EmbeddingWire#maxTextsPerRequest()} texts and runs up to {@code maxConcurrency} of them
 * at once: the calling thread plus helpers from a shared pool of daemon threads. Each request goes through
 * the (decorated) one-request model, so decorators see one request per call. Thread-safe.
 */
public final class BedrockEmbeddingModel implements EmbeddingModel {
    /** The header Bedrock reports input tokens in when the body does not. */
    static final String INPUT_TOKENS_HEADER = "X-Amzn-Bedrock-Input-Token-Count";
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "bedrock4j-embed-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private final String modelId;
    private final EmbeddingWire wire;
    private final int dimension;
    private final EmbeddingOptions options;
    private final EmbeddingModel perRequestModel;

    private BedrockEmbeddingModel(RuntimeClients clients, String modelId, EmbeddingWire wire, int dimension,
                                  EmbeddingOptions options, UnaryOperator<EmbeddingModel> decorate) {
        this.modelId = modelId;
        this.wire = wire;
        this.dimension = dimension;
        this.options = options;
        this.perRequestModel = Objects.requireNonNull(decorate.apply(new OneRequest(clients)), "decorated embedding model");
    }

    /**
     * Creates the model after checking that it embeds text and that the options fit it.
     *
     * @param decorate wraps the model that sends one request per call (the decorators' hook)
     * @throws InvalidRequestException if the model cannot embed text or the dimension does not fit it
     */
    public static BedrockEmbeddingModel create(RuntimeClients clients, String modelId, ModelInfo info,
                                               EmbeddingOptions options, UnaryOperator<EmbeddingModel> decorate) {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(options, "options");
        String base = info.baseModelId();
        List<Integer> sizes = info.embeddingDimensions();
        EmbeddingWire wire;
        if (info.family() == ModelFamily.AMAZON_TITAN_EMBED && !base.contains("image")) {
            boolean v1 = base.equals("amazon.titan-embed-text-v1") || base.startsWith("amazon.titan-embed-text-v1:");
            wire = new EmbeddingWire.Titan(!v1);
        } else if (info.family() == ModelFamily.COHERE_EMBED) {
            wire = new EmbeddingWire.Cohere(info.defaultEmbeddingDimension());
        } else {
            throw new InvalidRequestException("modelId", modelId + " is not a text embedding model Bedrock4j supports"
                    + " (family " + info.family() + "); use amazon.titan-embed-text-v2:0, amazon.titan-embed-text-v1,"
                    + " cohere.embed-english-v3 or cohere.embed-multilingual-v3" + ServiceChecks.didYouMean(modelId));
        }
        int dimension = options.dimensions() != 0 ? options.dimensions() : info.defaultEmbeddingDimension();
        if (dimension == 0) {
            throw new InvalidRequestException("dimensions", "the catalog does not know the vector size of " + modelId
                    + "; pass it with EmbeddingOptions.defaults().withDimensions(n)" + ServiceChecks.didYouMean(modelId));
        }
        if (info.known() && !sizes.contains(dimension)) {
            throw new InvalidRequestException("dimensions", modelId + " produces vectors of " + sizes
                    + " dimensions, not " + dimension + "; pick one of " + sizes + " or 0 for the default");
        }
        return new BedrockEmbeddingModel(clients, modelId, wire, dimension, options, decorate);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public EmbeddingResponse embed(List<String> texts, InputType inputType) {
        Objects.requireNonNull(inputType, "inputType");
        Preflight.embeddingTexts(texts, wire.maxChars(), modelId);
        List<String> all = List.copyOf(texts);
        int perRequest = wire.maxTextsPerRequest();
        int requests = (all.size() + perRequest - 1) / perRequest;
        Embedding[] vectors = new Embedding[all.size()];
        AtomicInteger tokens = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int r;
            while (failure.get() == null && (r = next.getAndIncrement()) < requests) {
                int from = r * perRequest;
                List<String> batch = all.subList(from, Math.min(all.size(), from + perRequest));
                try {
                    EmbeddingResponse response = perRequestModel.embed(batch, inputType);
                    List<Embedding> got = response.embeddings();
                    if (got.size() != batch.size()) {
                        throw new ModelErrorException("sent " + batch.size() + " texts but received " + got.size()
                                + " embeddings", null, modelId, null, 0);
                    }
                    for (int i = 0; i < got.size(); i++) {
                        Embedding embedding = got.get(i);
                        if (embedding.dimension() != dimension) {
                            throw new ModelErrorException("expected vectors of " + dimension + " dimensions but texts["
                                    + (from + i) + "] came back with " + embedding.dimension(), null, modelId, null, 0);
                        }
                        vectors[from + i] = embedding;
                    }
                    tokens.addAndGet(response.inputTokens());
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        runConcurrently(worker, Math.min(options.maxConcurrency(), requests), failure);
        Throwable t = failure.get();
        if (t != null) {
            if (t instanceof Error error) {
                throw error;
            }
            throw ExceptionMapper.map(t, modelId);
        }
        return new EmbeddingResponse(List.of(vectors), tokens.get());
    }

    private static void runConcurrently(Runnable worker, int parallelism, AtomicReference<Throwable> failure) {
        List<Future<?>> helpers = new ArrayList<>(parallelism - 1);
        for (int i = 1; i < parallelism; i++) {
            helpers.add(HELPERS.submit(worker));
        }
        worker.run();
        boolean interrupted = false;
        for (Future<?> helper : helpers) {
            while (true) {
                try {
                    helper.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, new BedrockException("interrupted while embedding", e));
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** One {@code InvokeModel} request per call, for texts already checked and within one request's limit. */
    private final class OneRequest implements EmbeddingModel {
        private final RuntimeClients clients;

        OneRequest(RuntimeClients clients) {
            this.clients = clients;
        }

        @Override
        public String modelId() {
            return modelId;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public EmbeddingResponse embed(List<String> batch, InputType inputType) {
            InvokeModelRequest.Builder request = InvokeModelRequest.builder()
                    .modelId(modelId)
                    .contentType("application/json")
                    .accept("application/json")
                    .body(SdkBytes.fromByteArrayUnsafe(JsonSupport.bytes(
                            wire.body(batch, inputType, dimension, options.normalize()))));
            clients.applyOverrides(request);
            InvokeModelResponse response;
            try {
                response = clients.invokeModel(request.build());
            } catch (RuntimeException e) {
                throw clients.failure(e, modelId);
            }
            JsonNode body = JsonSupport.parse(response.body().asByteArrayUnsafe());
            List<float[]> got = wire.vectors(body); // their number and size are checked by the caller, after any decorator
            List<Embedding> embeddings = new ArrayList<>(got.size());
            for (int i = 0; i < got.size(); i++) {
                float[] vector = got.get(i);
                try {
                    Embedding.checkFinite(vector, "the embedding of text " + i + " of the request");
                } catch (IllegalArgumentException e) {
                    throw new ModelErrorException(e.getMessage(), e, modelId, null, 0);
                }
                embeddings.add(Embedding.of(vector));
            }
            int tokens = wire.inputTokens(body);
            return new EmbeddingResponse(embeddings, tokens >= 0 ? tokens : BedrockNativeModel.header(response, INPUT_TOKENS_HEADER));
        }

        @Override
        public String toString() {
            return "BedrockEmbeddingModel.OneRequest[" + modelId + "]";
        }
    }

    @Override
    public String toString() {
        return "BedrockEmbeddingModel[" + modelId + ", dimension=" + dimension + "]";
    }
}
