package dev.bedrock4j.spring;

import dev.bedrock4j.core.Bedrock;
import org.springframework.core.Ordered;

/** A customizer with an order, for the starter's own decorators. */
final class OrderedCustomizer implements BedrockBuilderCustomizer, Ordered {
    private final int order;
    private final BedrockBuilderCustomizer customizer;

    OrderedCustomizer(int order, BedrockBuilderCustomizer customizer) {
        this.order = order;
        this.customizer = customizer;
    }

    @Override
    public void customize(Bedrock.Builder builder) {
        customizer.customize(builder);
    }

    @Override
    public int getOrder() {
        return order;
    }
}
