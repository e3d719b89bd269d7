package dev.bedrock4j.evaluation;

import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One case of an evaluation suite: an id, the input (a text, or a whole prompt with system blocks and
 * turns), what a good answer is (the expected output and any further reference texts) and tags for
 * slicing the results.
 *
 * <pre>{@code
 * EvalCase invoice = EvalCase.builder("inv-001")
 *         .input("Invoice 4411 from ACME Corp, total 120.50 EUR, due 2024-07-01.")
 *         .expected("{\"vendor\":\"ACME Corp\",\"total\":120.50,\"currency\":\"EUR\"}")
 *         .tags("invoice", "eur")
 *         .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EvalCase {
    private final String id;
    private final String input;
    private final ChatRequest prompt;
    private final String expected;
    private final List<String> references;
    private final Set<String> tags;

    private EvalCase(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("an eval case needs a non-blank id: results and human ratings are keyed by it");
        }
        if (b.prompt == null && b.input == null) {
            throw new IllegalArgumentException("eval case '" + id + "' has no input: set input(text) or prompt(request)");
        }
        this.prompt = b.prompt;
        this.input = b.prompt != null ? b.prompt.lastUserText() : b.input;
        this.expected = b.expected;
        this.references = List.copyOf(b.references);
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
    }

    /**
     * A builder for a case.
     *
     * @param id the case's unique id within its suite
     * @return the builder
     */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * A text case with an expected output.
     *
     * @param id the case's unique id
     * @param input the text sent to the model
     * @param expected the expected output
     * @return the case
     */
    public static EvalCase of(String id, String input, String expected) {
        return builder(id).input(input).expected(expected).build();
    }

    /**
     * A builder holding this case's values.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.input = prompt == null ? input : null;
        b.prompt = prompt;
        b.expected = expected;
        b.references.addAll(references);
        b.tags.addAll(tags);
        return b;
    }

    /**
     * The case's id, unique within its suite.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The input text: the text given, or the last user text of the prompt.
     *
     * @return the text
     */
    public String input() {
        return input;
    }

    /**
     * The whole prompt, for cases given as one.
     *
     * @return the prompt, or empty for a text case
     */
    public Optional<ChatRequest> prompt() {
        return Optional.ofNullable(prompt);
    }

    /**
     * The request this case stands for: its prompt, or a single user turn of its input text.
     *
     * @return the request
     */
    public ChatRequest request() {
        return prompt != null ? prompt : ChatRequest.of(input);
    }

    /**
     * The expected output: an exact answer, a reference summary, or JSON for extraction.
     *
     * @return the expected output, or empty when the case only has references or none
     */
    public Optional<String> expected() {
        return Optional.ofNullable(expected);
    }

    /**
     * Further acceptable answers or reference texts, besides the expected output.
     *
     * @return the references; empty when none
     */
    public List<String> references() {
        return references;
    }

    /**
     * Every text a good answer is compared with: the expected output first, then the references.
     *
     * @return the texts; empty when the case has none
     */
    public List<String> targets() {
        List<String> all = new ArrayList<>();
        if (expected != null) {
            all.add(expected);
        }
        all.addAll(references);
        return List.copyOf(all);
    }

    /**
     * The case's tags.
     *
     * @return the tags, in the order given
     */
    public Set<String> tags() {
        return tags;
    }

    /**
     * A copy whose input text is changed: the text of a text case, or every user text block of a prompt.
     * Robustness checks use it to perturb inputs.
     *
     * @param change the change to apply to each text
     * @return the changed copy
     */
    public EvalCase mapInput(UnaryOperator<String> change) {
        Builder b = toBuilder();
        if (prompt == null) {
            b.input = change.apply(input);
        } else {
            List<Message> messages = new ArrayList<>();
            for (Message message : prompt.messages()) {
                if (message.role() != Role.USER) {
                    messages.add(message);
                    continue;
                }
                List<ContentBlock> content = new ArrayList<>();
                for (ContentBlock block : message.content()) {
                    content.add(block instanceof ContentBlock.Text t ? new ContentBlock.Text(change.apply(t.text())) : block);
                }
                messages.add(new Message(Role.USER, content));
            }
            b.prompt = prompt.toBuilder().messages(messages).build();
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvalCase other && id.equals(other.id) && input.equals(other.input)
                && Objects.equals(prompt, other.prompt) && Objects.equals(expected, other.expected)
                && references.equals(other.references) && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, input, prompt, expected, references, tags);
    }

    /** Shows the case's id and shape, never its text. */
    @Override
    public String toString() {
        return "EvalCase[" + id + ", prompt=" + (prompt != null) + ", expected=" + (expected != null)
                + ", references=" + references.size() + ", tags=" + tags + "]";
    }

    /**
     * Builds an {@link EvalCase}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final String id;
        private String input;
        private ChatRequest prompt;
        private String expected;
        private final List<String> references = new ArrayList<>();
        private final LinkedHashSet<String> tags = new LinkedHashSet<>();

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the input text, sent as one user turn (or shaped by a prompt variant).
         *
         * @param input the text
         * @return this
         */
        public Builder input(String input) {
            this.input = Objects.requireNonNull(input, "input");
            this.prompt = null;
            return this;
        }

        /**
         * Sets a whole prompt as the input, for cases that need system blocks, several turns or settings.
         *
         * @param prompt the request
         * @return this
         */
        public Builder prompt(ChatRequest prompt) {
            this.prompt = Objects.requireNonNull(prompt, "prompt");
            this.input = null;
            return this;
        }

        /**
         * Sets the expected output.
         *
         * @param expected the expected output
         * @return this
         */
        public Builder expected(String expected) {
            this.expected = Objects.requireNonNull(expected, "expected");
            return this;
        }

        /**
         * Adds reference texts: further acceptable answers, or reference summaries.
         *
         * @param references the texts
         * @return this
         */
        public Builder references(String... references) {
            for (String reference : references) {
                this.references.add(Objects.requireNonNull(reference, "reference"));
            }
            return this;
        }

        /**
         * Adds tags.
         *
         * @param tags the tags
         * @return this
         */
        public Builder tags(String... tags) {
            for (String tag : tags) {
                this.tags.add(Objects.requireNonNull(tag, "tag"));
            }
            return this;
        }

        /**
         * Builds the case.
         *
         * @return the case
         * @throws IllegalArgumentException if the id is blank or there is no input
         */
        public EvalCase build() {
            return new EvalCase(this);
        }
    }
}
