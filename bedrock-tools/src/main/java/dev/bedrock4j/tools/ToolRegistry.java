package dev.bedrock4j.tools;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ToolDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A set of tools with unique names, looked up by the name the model calls.
 *
 * <pre>{@code
 * ToolRegistry tools = ToolRegistry.of(weather, clock)
 *         .with(Tool.fromMethods(new OrderTools()));
 * tools.find("get_weather").isPresent();   // true
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ToolRegistry {
    private static final ToolRegistry EMPTY = new ToolRegistry(Map.of());

    private final Map<String, Tool<?>> tools;

    private ToolRegistry(Map<String, Tool<?>> tools) {
        this.tools = tools;
    }

    /**
     * A registry of no tools.
     *
     * @return the empty registry
     */
    public static ToolRegistry empty() {
        return EMPTY;
    }

    /**
     * A registry of these tools.
     *
     * @param tools the tools
     * @return the registry
     * @throws InvalidRequestException if two tools share a name
     */
    public static ToolRegistry of(Tool<?>... tools) {
        return EMPTY.with(List.of(tools));
    }

    /**
     * A registry of these tools.
     *
     * @param tools the tools
     * @return the registry
     * @throws InvalidRequestException if two tools share a name
     */
    public static ToolRegistry of(Collection<? extends Tool<?>> tools) {
        return EMPTY.with(tools);
    }

    /**
     * A registry of the {@link ToolMethod}s of some objects.
     *
     * @param targets objects with annotated methods
     * @return the registry
     * @throws InvalidRequestException if a method cannot be a tool or two tools share a name
     */
    public static ToolRegistry fromMethods(Object... targets) {
        ToolRegistry registry = EMPTY;
        for (Object target : targets) {
            registry = registry.with(Tool.fromMethods(target));
        }
        return registry;
    }

    /**
     * This registry plus more tools.
     *
     * @param more the tools to add
     * @return a new registry; this one is unchanged
     * @throws InvalidRequestException if a name is already taken
     */
    public ToolRegistry with(Tool<?>... more) {
        return with(List.of(more));
    }

    /**
     * This registry plus more tools.
     *
     * @param more the tools to add
     * @return a new registry; this one is unchanged
     * @throws InvalidRequestException if a name is already taken
     */
    public ToolRegistry with(Collection<? extends Tool<?>> more) {
        Map<String, Tool<?>> all = new LinkedHashMap<>(tools);
        for (Tool<?> tool : more) {
            Objects.requireNonNull(tool, "tool");
            if (all.putIfAbsent(tool.name(), tool) != null) {
                throw new InvalidRequestException("name", "two tools are named '" + tool.name()
                        + "'; tool names must be unique, so rename one");
            }
        }
        return new ToolRegistry(java.util.Collections.unmodifiableMap(all));
    }

    /**
     * The tool with a name.
     *
     * @param name the name the model called
     * @return the tool, or empty when there is none
     */
    public Optional<Tool<?>> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /**
     * The tools, in the order they were added.
     *
     * @return the tools
     */
    public List<Tool<?>> tools() {
        return List.copyOf(tools.values());
    }

    /**
     * The tool names, in the order they were added.
     *
     * @return the names
     */
    public Set<String> names() {
        return tools.keySet();
    }

    /**
     * The definitions to offer the model.
     *
     * @return one definition per tool, in order
     */
    public List<ToolDefinition> definitions() {
        List<ToolDefinition> definitions = new ArrayList<>();
        for (Tool<?> tool : tools.values()) {
            definitions.add(tool.definition());
        }
        return List.copyOf(definitions);
    }

    /**
     * Whether there are no tools.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return tools.isEmpty();
    }

    @Override
    public String toString() {
        return "ToolRegistry" + tools.keySet();
    }
}
