package dev.bedrock4j.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's auto-configured {@code Bedrock} at a {@code LocalBedrockServer} of the testkit, so that the
 * application's real beans call models offline, through the real AWS SDK client. Use it beside
 * {@code @SpringBootTest} (or any Spring test whose context has the Bedrock auto-configuration):
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureLocalBedrock
 * class TicketTriageTest {
 *     @Autowired LocalBedrockServer server;
 *     @Autowired TicketTriage triage;           // an application bean that uses the ChatModel bean
 *
 *     @Test
 *     void asksTheModel() {
 *         server.model("us.anthropic.claude-3-5-haiku-20241022-v1:0").reply("P1");
 *
 *         assertThat(triage.priorityOf("The printer is on fire")).isEqualTo("P1");
 *         assertThat(server.lastRequest().chatRequest().orElseThrow().lastUserText())
 *                 .isEqualTo("The printer is on fire");
 *     }
 * }
 * }</pre>
 *
 * <p>For each application context it starts a server on a free port of 127.0.0.1 before the context refreshes, and
 * closes it when the context closes. It sets {@code bedrock4j.endpoint} to the server and {@code bedrock4j.region}
 * to {@code us-east-1} ahead of every other property source, and gives the {@code Bedrock} bean static test
 * credentials (with a {@code BedrockBuilderCustomizer} that runs last), so that no AWS profile, environment
 * variable or account is needed or used. The server is a bean: inject it to script answers and faults and to read
 * the requests it received. Before each test method it is {@code reset()} (scripts, faults and recorded requests),
 * as the testkit's {@code @BedrockTest} does. The rest of the configuration is the application's own: the
 * {@code bedrock4j.chat.model} of its {@code application.yml}, its resilience policies and its metrics.
 *
 * <p>Test classes with the same configuration share one cached context, and so one server; since it is reset before
 * each test method, such tests must not run concurrently. It does nothing to a {@code Bedrock} bean the application
 * defines itself. Needs {@code dev.bedrock4j:bedrock-testkit} on the test class path.
 *
 * <p>Thread safety: the server started for a test context is shared by every test that uses that context, and
 * serves concurrent requests; tests that script it should not run in parallel with each other.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureLocalBedrock {
}
