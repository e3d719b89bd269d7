package dev.bedrock4j.rag.internal.answer;

import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.MediaSource;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.core.chat.Role;
import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.RetrievedChunk;
import dev.bedrock4j.rag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** The prompts of local answering: passages with a question, and the rewrite of a follow-up. Thread-safe. */
public final class Prompts {
    /** The default instructions for answering from numbered passages. */
    public static final String ANSWER_INSTRUCTIONS = "You answer questions using only the numbered passages in the"
            + " user's message. After each sentence that uses a passage, cite it with its number in square brackets,"
            + " such as [1] or [2][3]. Cite only passages you used. If the passages do not contain the answer, say"
            + " that the documents do not say, and cite nothing.";
    /** The default instructions when the passages go as documents the model cites itself. */
    public static final String DOCUMENT_INSTRUCTIONS = "You answer questions using only the documents in the user's"
            + " message, and cite the passages you use. If the documents do not contain the answer, say that the"
            + " documents do not say.";
    /** The instructions for rewriting a follow-up question. */
    public static final String REWRITE_INSTRUCTIONS = "You rewrite follow-up questions. Given a conversation and a"
            + " follow-up question, write one standalone question that means the same and can be understood without"
            + " the conversation. Keep the user's language. Reply with the question only.";
    /** How much of an earlier answer the rewrite prompt shows. */
    static final int MAX_ANSWER_CHARS = 1_000;

    private Prompts() {
    }

    /** The user turn: the numbered passages with their sources, then the question. */
    public static String passagesAndQuestion(List<RetrievedChunk> passages, String question) {
        StringBuilder prompt = new StringBuilder("Passages:\n");
        for (int i = 0; i < passages.size(); i++) {
            RetrievedChunk passage = passages.get(i);
            SourceLocation location = passage.location();
            prompt.append("\n[").append(i + 1).append("] Source: ").append(location.source());
            if (!location.title().isEmpty()) {
                prompt.append(" (").append(location.title()).append(')');
            }
            if (location.page() > 0) {
                prompt.append(", page ").append(location.page());
            }
            prompt.append('\n').append(passage.text().strip()).append('\n');
        }
        return prompt.append("\nQuestion: ").append(question.strip()).toString();
    }

    /** The user turn as documents with citations enabled, one per passage, then the question. */
    public static Message documentsAndQuestion(List<RetrievedChunk> passages, String question) {
        List<ContentBlock> blocks = new ArrayList<>(passages.size() + 1);
        for (int i = 0; i < passages.size(); i++) {
            RetrievedChunk passage = passages.get(i);
            blocks.add(new ContentBlock.Document("txt", "Passage " + (i + 1), MediaSource.text(passage.text()), true,
                    "Source: " + passage.location().label()));
        }
        blocks.add(new ContentBlock.Text("Question: " + question.strip()));
        return new Message(Role.USER, blocks);
    }

    /** The user turn asking for a standalone version of a follow-up question. */
    public static String rewrite(List<Answer> earlier, String followUp) {
        StringBuilder prompt = new StringBuilder("Conversation:\n");
        for (Answer turn : earlier) {
            String answer = CitationMarkers.strip(turn.text());
            if (answer.length() > MAX_ANSWER_CHARS) {
                answer = answer.substring(0, MAX_ANSWER_CHARS) + "...";
            }
            prompt.append("User: ").append(turn.question().strip()).append('\n');
            prompt.append("Assistant: ").append(answer).append('\n');
        }
        return prompt.append("\nFollow-up question: ").append(followUp.strip()).append("\n\nStandalone question:")
                .toString();
    }

    /** The standalone question in a rewrite reply, or the follow-up itself when the reply has none. */
    public static String standalone(String reply, String followUp) {
        for (String line : reply.split("\n")) {
            String question = line.strip();
            if (question.regionMatches(true, 0, "Standalone question:", 0, 20)) {
                question = question.substring(20).strip();
            }
            if (question.length() > 1 && (question.startsWith("\"") && question.endsWith("\"")
                    || question.startsWith("'") && question.endsWith("'"))) {
                question = question.substring(1, question.length() - 1).strip();
            }
            if (!question.isEmpty()) {
                return question;
            }
        }
        return followUp;
    }
}
