package dev.bedrock4j.spring;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code management.health.bedrock.enabled}, else {@code management.health.defaults.enabled}, else true: what
 * Spring Boot's {@code @ConditionalOnEnabledHealthIndicator} checks, which sits in another module on each Boot line.
 */
final class OnHealthIndicatorEnabled extends SpringBootCondition {
    static final String PROPERTY = "management.health.bedrock.enabled";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        Boolean own = environment.getProperty(PROPERTY, Boolean.class);
        if (own != null) {
            return new ConditionOutcome(own, PROPERTY + " is " + own);
        }
        boolean defaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
        return new ConditionOutcome(defaults, "management.health.defaults.enabled is " + defaults);
    }
}
