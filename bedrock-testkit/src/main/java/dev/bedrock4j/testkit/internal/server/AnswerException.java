package dev.bedrock4j.testkit.internal.server;

/** Ends the handling of a request with an error answer, from however deep it is found. */
final class AnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Answer answer;

    AnswerException(Answer answer, String message) {
        super(message, null, false, false);
        this.answer = answer;
    }

    static AnswerException invalid(String message) {
        return new AnswerException(Answer.error(400, "ValidationException", message), message);
    }

    static AnswerException notFound(String message) {
        return new AnswerException(Answer.error(404, "ResourceNotFoundException", message), message);
    }

    Answer answer() {
        return answer;
    }
}
