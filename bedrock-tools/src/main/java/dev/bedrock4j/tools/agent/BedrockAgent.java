package dev.bedrock4j.tools.agent;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.tools.Tool;
import dev.bedrock4j.tools.ToolErrorMapper;
import dev.bedrock4j.tools.ToolRegistry;
import dev.bedrock4j.tools.ToolRunner;
import dev.bedrock4j.tools.internal.ToolExecutor;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;

/**
 * An agent hosted by Amazon Bedrock Agents, called through the agent runtime's {@code InvokeAgent}. Talk to
 * it in a {@link BedrockAgentSession}; each invocation streams the answer, its citations and the agent's
 * trace. When the agent's action groups return control to the caller, the functions it asks for are run
 * by your local {@link Tool}s, matched by function name, and their results are sent back in the same
 * invocation.
 *
 * <pre>{@code
 * BedrockAgentRuntimeAsyncClient client = BedrockAgentRuntimeAsyncClient.create();
 * BedrockAgent agent = BedrockAgent.of(client, "AGENT12345", "ALIAS12345")
 *         .withTools(Tool.fromMethods(new OrderTools()));
 * BedrockAgentReply reply = agent.session("customer-42").invoke("Where is my order A-1042?", System.out::print);
 * reply.citations();
 * }</pre>
 *
 * <p>The client stays yours: this class never closes it. {@code InvokeAgent} exists only on the async
 * client.
 *
 * <p>Instances are immutable and thread-safe; create one per agent alias and share it.
 */
public final class BedrockAgent {
    /** How long one {@code InvokeAgent} call may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern ID = Pattern.compile("^[0-9a-zA-Z]{1,10}$");
    private static final Pattern SESSION_ID = Pattern.compile("^[0-9a-zA-Z._:-]{2,100}$");

    final BedrockAgentRuntimeAsyncClient client;
    final String agentId;
    final String aliasId;
    final ToolRegistry tools;
    final ToolExecutor executor;
    final Duration timeout;
    final boolean traces;

    private BedrockAgent(BedrockAgentRuntimeAsyncClient client, String agentId, String aliasId, ToolRegistry tools,
                         ToolExecutor executor, Duration timeout, boolean traces) {
        this.client = client;
        this.agentId = agentId;
        this.aliasId = aliasId;
        this.tools = tools;
        this.executor = executor;
        this.timeout = timeout;
        this.traces = traces;
    }

    /**
     * An agent alias, with no local tools, traces on and a five-minute timeout per call.
     *
     * @param client the agent runtime client; it stays yours to close
     * @param agentId the agent's id, up to 10 letters and digits
     * @param aliasId the alias's id, up to 10 letters and digits
     * @return the agent
     * @throws InvalidRequestException if an id has the wrong form
     */
    public static BedrockAgent of(BedrockAgentRuntimeAsyncClient client, String agentId, String aliasId) {
        Objects.requireNonNull(client, "client");
        checkId("agentId", agentId);
        checkId("aliasId", aliasId);
        return new BedrockAgent(client, agentId, aliasId, ToolRegistry.empty(),
                new ToolExecutor(ToolExecutor.newPool(ToolRunner.DEFAULT_PARALLELISM), ToolRunner.DEFAULT_TOOL_TIMEOUT,
                        ToolErrorMapper.generic()),
                DEFAULT_TIMEOUT, true);
    }

    private static void checkId(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidRequestException(field, field + " '" + id + "' is not a Bedrock Agents id;"
                    + " use the 10-character id from the console or CreateAgent, e.g. 'AGENT12345' (the alias"
                    + " 'TSTALIASID' is the draft version)");
        }
    }

    /**
     * The same agent with local tools that answer its return-of-control requests. A function the agent asks
     * for is run by the tool of the same name; its parameters become the tool's JSON input, each value typed as
     * the tool's input schema declares it (the agent sends every value as text).
     *
     * @param tools the tools
     * @return a copy with the tools added
     */
    public BedrockAgent withTools(Collection<? extends Tool<?>> tools) {
        return new BedrockAgent(client, agentId, aliasId, this.tools.with(tools), executor, timeout, traces);
    }

    /**
     * The same agent with local tools that answer its return-of-control requests.
     *
     * @param tools the tools
     * @return a copy with the tools added
     */
    public BedrockAgent withTools(Tool<?>... tools) {
        return withTools(java.util.List.of(tools));
    }

    /**
     * The same agent with another text for the agent to read when a local tool throws (default
     * {@link ToolErrorMapper#generic()}: the exception's class and a generic message, never its message).
     *
     * @param errors the mapper; it must be thread-safe
     * @return a copy with the mapper
     */
    public BedrockAgent withErrorMapper(ToolErrorMapper errors) {
        Objects.requireNonNull(errors, "errors");
        return new BedrockAgent(client, agentId, aliasId, tools, executor.withErrors(errors), timeout, traces);
    }

    /**
     * The same agent with another time limit for each {@code InvokeAgent} call.
     *
     * @param timeout a positive duration
     * @return a copy with the timeout
     */
    public BedrockAgent withTimeout(Duration timeout) {
        ToolExecutor.requirePositive("timeout", timeout);
        return new BedrockAgent(client, agentId, aliasId, tools, executor, timeout, traces);
    }

    /**
     * The same agent with trace events on or off (on by default).
     *
     * @param traces whether the agent sends its trace
     * @return a copy with the setting
     */
    public BedrockAgent withTraces(boolean traces) {
        return new BedrockAgent(client, agentId, aliasId, tools, executor, timeout, traces);
    }

    /**
     * A session with this agent; the agent remembers the conversation of a session for a while.
     *
     * @param sessionId 2 to 100 letters, digits, {@code .}, {@code _}, {@code :} or {@code -}
     * @return the session
     * @throws InvalidRequestException if the id has the wrong form
     */
    public BedrockAgentSession session(String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw new InvalidRequestException("sessionId", "session id '" + sessionId + "' is rejected by Bedrock Agents;"
                    + " use 2 to 100 letters, digits, '.', '_', ':' or '-', e.g. a UUID");
        }
        return new BedrockAgentSession(this, sessionId, java.util.Map.of(), java.util.Map.of());
    }

    /**
     * A session with a new random id.
     *
     * @return the session
     */
    public BedrockAgentSession newSession() {
        return session(UUID.randomUUID().toString());
    }

    /**
     * The local tools.
     *
     * @return the registry
     */
    public ToolRegistry tools() {
        return tools;
    }

    @Override
    public String toString() {
        return "BedrockAgent[" + agentId + "/" + aliasId + ", " + tools + "]";
    }
}
