package dev.bedrock4j.rag;

import java.util.List;
import java.util.function.Consumer;

/**
 * A conversation with an {@link Answerer}: each question is understood in the context of the earlier ones,
 * so a follow-up such as "and how do I cancel it?" searches for what "it" is. A local conversation rewrites a
 * follow-up into a standalone question with the chat model before searching; a Bedrock conversation keeps
 * Bedrock's session id.
 *
 * <pre>{@code
 * AnswerConversation chat = answerer.conversation();
 * chat.ask("Where is my order A-1042?");
 * Answer answer = chat.ask("Cancel it, please. How?");
 * answer.searchQuery();    // for example "How do I cancel order A-1042?"
 * }</pre>
 *
 * <p>Thread-safe: questions are answered one at a time, in the order they arrive. A failed question leaves the
 * conversation as it was.
 */
public interface AnswerConversation {
    /**
     * Answers a question in the context of the conversation.
     *
     * @param question the question; not blank
     * @return the answer with its citations
     * @throws dev.bedrock4j.core.InvalidRequestException if the question is blank (before any call)
     * @throws dev.bedrock4j.core.BedrockException if a call fails
     */
    Answer ask(String question);

    /**
     * Answers a question in the context of the conversation, passing the text to {@code onText} as it is
     * generated.
     *
     * @param question the question; not blank
     * @param onText receives pieces of the answer's text, in order
     * @return the whole answer with its citations
     * @throws dev.bedrock4j.core.InvalidRequestException if the question is blank (before any call)
     * @throws dev.bedrock4j.core.BedrockException if a call fails
     */
    Answer ask(String question, Consumer<String> onText);

    /**
     * The answers so far.
     *
     * @return an immutable snapshot, oldest first
     */
    List<Answer> answers();
}
