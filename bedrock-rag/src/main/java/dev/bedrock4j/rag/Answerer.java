package dev.bedrock4j.rag;

import java.util.function.Consumer;

/**
 * An answerer answers questions from a knowledge base, not from what the model believes, and says which
 * passages support each part of the answer. {@link RagAnswerer} retrieves and generates locally with any
 * {@link dev.bedrock4j.core.chat.ChatModel}; {@link dev.bedrock4j.rag.bedrock.BedrockKnowledgeBase#answerer(String)}
 * uses Bedrock's managed {@code RetrieveAndGenerate}. Both return the same {@link Answer}.
 *
 * <pre>{@code
 * Answer answer = answerer.ask("How many vacation days do I get?");
 * Answer streamed = answerer.ask("And how do I book them?", System.out::print);  // text as it is generated
 *
 * AnswerConversation chat = answerer.conversation();
 * chat.ask("What is the refund policy?");
 * chat.ask("Does it apply to sale items?");    // understood in the context of the first question
 * }</pre>
 *
 * <p>Implementations are thread-safe; create one and share it.
 */
public interface Answerer {
    /**
     * Answers one question on its own.
     *
     * @param question the question; not blank
     * @return the answer with its citations
     * @throws dev.bedrock4j.core.InvalidRequestException if the question is blank (before any call)
     * @throws dev.bedrock4j.core.BedrockException if retrieval or generation fails
     */
    Answer ask(String question);

    /**
     * Answers one question on its own, passing the text to {@code onText} as it is generated.
     *
     * @param question the question; not blank
     * @param onText receives pieces of the answer's text, in order, on the thread that streams them
     * @return the whole answer with its citations, once generation has finished
     * @throws dev.bedrock4j.core.InvalidRequestException if the question is blank (before any call)
     * @throws dev.bedrock4j.core.BedrockException if retrieval or generation fails
     */
    Answer ask(String question, Consumer<String> onText);

    /**
     * Starts a conversation, in which questions may refer back to earlier ones.
     *
     * @return a new conversation
     */
    AnswerConversation conversation();
}
