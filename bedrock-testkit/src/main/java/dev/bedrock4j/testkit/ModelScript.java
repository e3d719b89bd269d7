package dev.bedrock4j.testkit;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.testkit.internal.server.Script;
import java.util.function.Function;

/**
 * The script of one model id (or of every model) on a {@link LocalBedrockServer}: what it answers and
 * which faults it injects. One-shot replies from {@link #enqueue(ModelReply...)} are used first, in
 * order; then the standing reply set with {@link #reply(ModelReply)}; a model with neither falls back
 * to {@link LocalBedrockServer#anyModel()}, and when that has none either, it repeats the last user turn
 * ({@code "You said: ..."}). Faults work the same way: {@link #faultNext(int, Fault)} before
 * {@link #fault(Fault)}.
 *
 * <pre>{@code
 * server.model("anthropic.claude-3-haiku-20240307-v1:0")
 *         .enqueue(ModelReply.toolUse("get_weather", "{\"city\":\"Paris\"}"))
 *         .reply("It is sunny.")
 *         .faultNext(1, Fault.throttling());
 * }</pre>
 *
 * <p>Thread-safe; tests may script while calls are in flight.
 */
public final class ModelScript {
    private final Script<ModelReply> script;

    ModelScript(Script<ModelReply> script) {
        this.script = script;
    }

    /**
     * Sets the standing answer: a text that ends the turn.
     *
     * @param text the answer
     * @return this
     */
    public ModelScript reply(String text) {
        return reply(ModelReply.text(text));
    }

    /**
     * Sets the standing answer: a full response.
     *
     * @param response the response
     * @return this
     */
    public ModelScript reply(ChatResponse response) {
        return reply(ModelReply.of(response));
    }

    /**
     * Sets the standing answer, used whenever no one-shot reply is left.
     *
     * @param reply the reply
     * @return this
     */
    public ModelScript reply(ModelReply reply) {
        script.reply(reply);
        return this;
    }

    /**
     * Sets the standing answer to a function of each request.
     *
     * @param function computes the response; it runs on a server thread
     * @return this
     */
    public ModelScript respondWith(Function<ChatRequest, ChatResponse> function) {
        return reply(ModelReply.respond(function));
    }

    /**
     * Adds one-shot replies, each used by one call, in order.
     *
     * @param replies the replies
     * @return this
     */
    public ModelScript enqueue(ModelReply... replies) {
        for (ModelReply reply : replies) {
            script.enqueue(reply);
        }
        return this;
    }

    /**
     * Injects a fault into the next calls of this model (one-shot faults queue up in order).
     *
     * @param calls how many calls, at least 1
     * @param fault the fault
     * @return this
     */
    public ModelScript faultNext(int calls, Fault fault) {
        script.faultNext(calls, fault);
        return this;
    }

    /**
     * Injects a fault into every call of this model that no one-shot fault covers.
     *
     * @param fault the fault, or {@code null} to stop injecting it
     * @return this
     */
    public ModelScript fault(Fault fault) {
        script.fault(fault);
        return this;
    }

    /**
     * Forgets this model's replies and faults.
     *
     * @return this
     */
    public ModelScript reset() {
        script.reset();
        return this;
    }
}
