package dev.bedrock4j.spring.test;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.spring.BedrockBuilderCustomizer;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Starts a local server for one application context, points the {@code bedrock4j.*} properties at it, and closes
 * it with the context. All instances are equal, so that test classes otherwise configured alike share a context.
 */
final class LocalBedrockContextCustomizer implements ContextCustomizer {
    static final String SERVER_BEAN = "localBedrockServer";
    static final String REGION = "us-east-1";
    private static final String PROPERTY_SOURCE = "bedrock4jLocalServer";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        LocalBedrockServer server = LocalBedrockServer.start();
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        beans.registerSingleton(SERVER_BEAN, server);
        if (beans instanceof DefaultSingletonBeanRegistry registry) {
            // also when the context fails to start: destroying its singletons closes the server
            registry.registerDisposableBean(SERVER_BEAN, server::close);
        } else {
            context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> server.close());
        }
        beans.registerSingleton("localBedrockServerCredentials", new TestCredentials());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of(
                "bedrock4j.endpoint", server.endpoint().toString(),
                "bedrock4j.region", REGION)));
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    /** Static credentials the local server accepts: no real ones are looked up, or sent anywhere. */
    static final class TestCredentials implements BedrockBuilderCustomizer, Ordered {
        @Override
        public void customize(Bedrock.Builder builder) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
