package dev.bedrock4j.spring;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code bedrock4j.*} properties the auto-configured {@code Bedrock}, {@code ChatModel} and
 * {@code EmbeddingModel} are built from. Every property is optional: without any, {@code Bedrock} takes the AWS
 * SDK's default region and credentials chains and its default timeouts, and no model bean is defined.
 *
 * <pre>{@code
 * bedrock4j:
 *   region: eu-central-1
 *   profile: bedrock-prod            # credentials (and the region, when none is set) from ~/.aws
 *   timeouts:
 *     call: 2m
 *   chat:
 *     model: eu.anthropic.claude-3-5-haiku-20241022-v1:0
 *   embedding:
 *     model: amazon.titan-embed-text-v2:0
 *     dimensions: 512
 * }</pre>
 *
 * <p>The resilience policies are {@link BedrockResilienceProperties} ({@code bedrock4j.resilience.*}).
 *
 * <p>Not thread-safe: Spring binds it once at start-up, and it is read-only after that.
 */
@ConfigurationProperties(prefix = "bedrock4j")
public class BedrockProperties {
    /**
     * AWS region of the Bedrock endpoint, such as us-east-1. Default: the AWS SDK's region chain (aws.region,
     * AWS_REGION, the AWS config file's profile, the EC2 instance metadata service).
     */
    private String region;

    /**
     * Named profile of the AWS config and credentials files that supplies the credentials, and the region when
     * bedrock4j.region is not set. Default: the AWS SDK's default credentials chain.
     */
    private String profile;

    /**
     * Endpoint to send the calls to instead of Bedrock's regional one, such as a VPC endpoint. A region is still
     * needed: requests are signed for one.
     */
    private URI endpoint;

    private final Timeouts timeouts = new Timeouts();

    private final Chat chat = new Chat();

    private final Embedding embedding = new Embedding();

    private final Metrics metrics = new Metrics();

    /**
     * Creates the properties with nothing set.
     */
    public BedrockProperties() {
    }

    /**
     * The AWS region.
     *
     * @return the region id, or null for the SDK's region chain
     */
    public String getRegion() {
        return region;
    }

    /**
     * Sets the AWS region.
     *
     * @param region a region id such as {@code us-east-1}
     */
    public void setRegion(String region) {
        this.region = region;
    }

    /**
     * The AWS profile.
     *
     * @return the profile name, or null for the SDK's default chains
     */
    public String getProfile() {
        return profile;
    }

    /**
     * Sets the AWS profile.
     *
     * @param profile a profile name of the AWS config and credentials files
     */
    public void setProfile(String profile) {
        this.profile = profile;
    }

    /**
     * The endpoint override.
     *
     * @return the endpoint, or null for Bedrock's regional endpoint
     */
    public URI getEndpoint() {
        return endpoint;
    }

    /**
     * Sets the endpoint override.
     *
     * @param endpoint the endpoint URI
     */
    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The timeouts.
     *
     * @return the timeouts; never null
     */
    public Timeouts getTimeouts() {
        return timeouts;
    }

    /**
     * The chat model bean's settings.
     *
     * @return the chat settings; never null
     */
    public Chat getChat() {
        return chat;
    }

    /**
     * The embedding model bean's settings.
     *
     * @return the embedding settings; never null
     */
    public Embedding getEmbedding() {
        return embedding;
    }

    /**
     * The metrics settings.
     *
     * @return the metrics settings; never null
     */
    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * {@code bedrock4j.timeouts.*}: the three timeouts of {@code Bedrock.Builder}, which must be consistent
     * (read &le; attempt &le; call). One left unset follows from those that are set, as in the builder.
     */
    public static class Timeouts {
        /** How long one socket read may wait. Default: 5 minutes, or the attempt timeout when that is shorter. */
        private Duration read;

        /** How long one HTTP attempt may take. Default: 5 minutes, or the call timeout when that is shorter. */
        private Duration attempt;

        /**
         * How long a whole SDK call may take, the SDK's retries included; with a resilience policy, each of its
         * attempts. Default: 15 minutes, or the attempt timeout when that is longer.
         */
        private Duration call;

        /**
         * Creates the timeouts with nothing set.
         */
        public Timeouts() {
        }

        /**
         * The socket read timeout.
         *
         * @return the timeout, or null for the default
         */
        public Duration getRead() {
            return read;
        }

        /**
         * Sets the socket read timeout.
         *
         * @param read the timeout
         */
        public void setRead(Duration read) {
            this.read = read;
        }

        /**
         * The attempt timeout.
         *
         * @return the timeout, or null for the default
         */
        public Duration getAttempt() {
            return attempt;
        }

        /**
         * Sets the attempt timeout.
         *
         * @param attempt the timeout
         */
        public void setAttempt(Duration attempt) {
            this.attempt = attempt;
        }

        /**
         * The API call timeout.
         *
         * @return the timeout, or null for the default
         */
        public Duration getCall() {
            return call;
        }

        /**
         * Sets the API call timeout.
         *
         * @param call the timeout
         */
        public void setCall(Duration call) {
            this.call = call;
        }
    }

    /**
     * {@code bedrock4j.chat.*}: the {@code ChatModel} bean.
     */
    public static class Chat {
        /**
         * Model id, inference profile id or ARN of the ChatModel bean, such as
         * us.anthropic.claude-3-5-haiku-20241022-v1:0. Without it, no ChatModel bean is defined.
         */
        private String model;

        /**
         * Creates the settings with no model.
         */
        public Chat() {
        }

        /**
         * The chat model id.
         *
         * @return the model id, or null for no bean
         */
        public String getModel() {
            return model;
        }

        /**
         * Sets the chat model id.
         *
         * @param model a model id, inference profile id or ARN
         */
        public void setModel(String model) {
            this.model = model;
        }
    }

    /**
     * {@code bedrock4j.embedding.*}: the {@code EmbeddingModel} bean.
     */
    public static class Embedding {
        /**
         * Model id of the EmbeddingModel bean, such as amazon.titan-embed-text-v2:0 (Titan Text Embeddings v1/v2,
         * Cohere Embed v3). Without it, no EmbeddingModel bean is defined.
         */
        private String model;

        /** Vector size, such as 256, 512 or 1024 for Titan Text Embeddings v2; 0 for the model's default. */
        private int dimensions;

        /** Whether the service scales vectors to unit length (sent to Titan Text Embeddings v2). */
        private boolean normalize = true;

        /** The most requests one call runs at the same time when a list of texts needs several, from 1 to 64. */
        private int maxConcurrency = 4;

        /**
         * Creates the settings with no model.
         */
        public Embedding() {
        }

        /**
         * The embedding model id.
         *
         * @return the model id, or null for no bean
         */
        public String getModel() {
            return model;
        }

        /**
         * Sets the embedding model id.
         *
         * @param model a model id, inference profile id or ARN
         */
        public void setModel(String model) {
            this.model = model;
        }

        /**
         * The vector size.
         *
         * @return the size, or 0 for the model's default
         */
        public int getDimensions() {
            return dimensions;
        }

        /**
         * Sets the vector size.
         *
         * @param dimensions the size, or 0 for the model's default
         */
        public void setDimensions(int dimensions) {
            this.dimensions = dimensions;
        }

        /**
         * Whether vectors are normalised.
         *
         * @return true to ask for unit-length vectors
         */
        public boolean isNormalize() {
            return normalize;
        }

        /**
         * Sets whether vectors are normalised.
         *
         * @param normalize true to ask for unit-length vectors
         */
        public void setNormalize(boolean normalize) {
            this.normalize = normalize;
        }

        /**
         * The request concurrency of one call.
         *
         * @return from 1 to 64
         */
        public int getMaxConcurrency() {
            return maxConcurrency;
        }

        /**
         * Sets the request concurrency of one call.
         *
         * @param maxConcurrency from 1 to 64
         */
        public void setMaxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
        }
    }

    /**
     * {@code bedrock4j.metrics.*}: Micrometer metrics of model calls.
     */
    public static class Metrics {
        /**
         * Whether to record the calls of every model in the application's MeterRegistry (and as observations when
         * there is an ObservationRegistry). Needs bedrock-production and a MeterRegistry bean, such as the one
         * Spring Boot's actuator defines.
         */
        private boolean enabled = true;

        /**
         * Creates the settings, enabled.
         */
        public Metrics() {
        }

        /**
         * Whether metrics are recorded.
         *
         * @return true unless switched off
         */
        public boolean isEnabled() {
            return enabled;
        }

        /**
         * Switches metrics on or off.
         *
         * @param enabled false to record none
         */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
