package dev.bedrock4j.core.chat;

import java.util.Objects;

/**
 * How the model must use the tools it is offered.
 *
 * <pre>{@code
 * model.prompt().user("Extract the invoice").tools(invoiceTool).toolChoice(ToolChoice.tool("invoice")).call();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public sealed interface ToolChoice {
    /**
     * The model decides whether to call a tool (the default).
     *
     * @return the choice
     */
    static ToolChoice auto() {
        return Auto.INSTANCE;
    }

    /**
     * The model must call at least one tool.
     *
     * @return the choice
     */
    static ToolChoice any() {
        return Any.INSTANCE;
    }

    /**
     * The model must call the named tool.
     *
     * @param name the tool's name
     * @return the choice
     */
    static ToolChoice tool(String name) {
        return new Named(name);
    }

    /** The model decides. */
    enum Auto implements ToolChoice {
        /** The only instance. */
        INSTANCE
    }

    /** The model must call some tool. */
    enum Any implements ToolChoice {
        /** The only instance. */
        INSTANCE
    }

    /**
     * The model must call this tool.
     *
     * @param name the tool's name
     */
    record Named(String name) implements ToolChoice {
        /**
         * Validates the name.
         *
         * @param name the tool's name
         */
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }
}
