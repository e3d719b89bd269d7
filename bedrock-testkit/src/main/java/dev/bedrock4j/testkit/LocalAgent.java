package dev.bedrock4j.testkit;

import dev.bedrock4j.testkit.internal.server.Script;

/**
 * A Bedrock Agent alias on a {@link LocalBedrockServer}, answering {@code InvokeAgent} with an event
 * stream. One-shot replies from {@link #enqueue(AgentReply...)} are used first, in order, then the
 * standing reply; with neither, the agent repeats the input ({@code "You said: ..."}) or, after a return
 * of control, acknowledges the results it received. With {@code enableTrace} the stream also carries
 * {@code trace} events.
 *
 * <pre>{@code
 * server.agent("AGENT1", "ALIAS1")
 *         .enqueue(AgentReply.returnControl("orders", "getOrder", Map.of("orderId", "42")))
 *         .reply("Order 42 ships tomorrow.");
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LocalAgent {
    private final Script<AgentReply> script;

    LocalAgent(Script<AgentReply> script) {
        this.script = script;
    }

    /**
     * Sets the standing answer: a text.
     *
     * @param text the answer
     * @return this
     */
    public LocalAgent reply(String text) {
        return reply(AgentReply.text(text));
    }

    /**
     * Sets the standing answer, used whenever no one-shot reply is left.
     *
     * @param reply the reply
     * @return this
     */
    public LocalAgent reply(AgentReply reply) {
        script.reply(reply);
        return this;
    }

    /**
     * Adds one-shot replies, each used by one call, in order.
     *
     * @param replies the replies
     * @return this
     */
    public LocalAgent enqueue(AgentReply... replies) {
        for (AgentReply reply : replies) {
            script.enqueue(reply);
        }
        return this;
    }

    /**
     * Injects a fault into the next calls of this agent.
     *
     * @param calls how many calls, at least 1
     * @param fault the fault
     * @return this
     */
    public LocalAgent faultNext(int calls, Fault fault) {
        script.faultNext(calls, fault);
        return this;
    }

    /**
     * Forgets this agent's replies and faults; the agent stays known.
     *
     * @return this
     */
    public LocalAgent reset() {
        script.reset();
        return this;
    }
}
