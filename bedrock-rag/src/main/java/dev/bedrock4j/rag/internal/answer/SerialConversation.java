package dev.bedrock4j.rag.internal.answer;

import dev.bedrock4j.rag.Answer;
import dev.bedrock4j.rag.AnswerConversation;
import dev.bedrock4j.rag.internal.Queries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** A conversation that answers one question at a time, given the answers so far. Thread-safe. */
public final class SerialConversation implements AnswerConversation {
    /** Answers a question in the light of the earlier answers; {@code onText} may be null. */
    @FunctionalInterface
    public interface Turn {
        /** The answer to the next question. */
        Answer answer(String question, List<Answer> earlier, Consumer<String> onText);
    }

    private final Turn turn;
    private final List<Answer> answers = new ArrayList<>();

    /** Creates an empty conversation. */
    public SerialConversation(Turn turn) {
        this.turn = Objects.requireNonNull(turn, "turn");
    }

    @Override
    public Answer ask(String question) {
        return answer(question, null);
    }

    @Override
    public Answer ask(String question, Consumer<String> onText) {
        return answer(question, Objects.requireNonNull(onText, "onText"));
    }

    private synchronized Answer answer(String question, Consumer<String> onText) {
        Queries.check("question", question);
        Answer answer = turn.answer(question, List.copyOf(answers), onText);
        answers.add(answer);
        return answer;
    }

    @Override
    public synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }

    @Override
    public synchronized String toString() {
        return "AnswerConversation[" + answers.size() + " answers]";
    }
}
