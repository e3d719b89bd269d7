package dev.bedrock4j.rag;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.rag.internal.Queries;
import dev.bedrock4j.rag.internal.answer.Blocking;
import dev.bedrock4j.rag.internal.answer.MessageCitations;
import dev.bedrock4j.rag.internal.answer.Prompts;
import dev.bedrock4j.rag.internal.answer.SerialConversation;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Answers questions by retrieval-augmented generation with any {@link ChatModel}: it retrieves passages from a
 * {@link KnowledgeBase}, numbers them in the prompt, asks the model to answer only from them and to cite
 * each with its number, such as {@code [2]}, and maps those markers back to the passages' sources and
 * positions.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.of(titan, store);
 * RagAnswerer answerer = RagAnswerer.builder(kb, bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0"))
 *         .retrieval(RetrievalOptions.top(4))
 *         .maxTokens(500)
 *         .build();
 * Answer answer = answerer.ask("How many vacation days do I get?");
 * answer.citations().forEach(c -> System.out.println(c.number() + " " + c.passage().location().label()));
 * }</pre>
 *
 * <h2>Follow-up questions</h2>
 * <p>In a {@link #conversation()}, a question after the first is rewritten into a standalone question by the
 * chat model (or {@link Builder#rewriteModel(ChatModel) another one}) from the last
 * {@link Builder#historyTurns(int) few} exchanges, and that standalone question is searched and answered: "cancel
 * it" after a question about an order becomes a question about cancelling that order.
 *
 * <p>Models that cite documents themselves can get the passages as Converse documents instead
 * ({@link Builder#documentCitations(boolean)}); their citation blocks map to the same {@link AnswerCitation}s.
 *
 * <p>When the knowledge base finds nothing, the answer is {@link Builder#noAnswer(String) a fixed text} and the
 * model is not called.
 *
 * <p>Instances are immutable and thread-safe; create one and share it.
 */
public final class RagAnswerer implements Answerer {
    /** The default {@link Builder#maxTokens(int)}. */
    public static final int DEFAULT_MAX_TOKENS = 1024;
    /** The default {@link Builder#historyTurns(int)}. */
    public static final int DEFAULT_HISTORY_TURNS = 6;
    /** The most passages {@link Builder#documentCitations(boolean)} can send: Converse's limit of documents. */
    public static final int MAX_DOCUMENTS = 5;
    /** The default {@link Builder#noAnswer(String)} text. */
    public static final String DEFAULT_NO_ANSWER = "The documents do not say.";

    private final KnowledgeBase knowledgeBase;
    private final ChatModel model;
    private final ChatModel rewriteModel;
    private final RetrievalOptions retrieval;
    private final String instructions;
    private final int maxTokens;
    private final Double temperature;
    private final int historyTurns;
    private final String noAnswer;
    private final boolean documentCitations;

    private RagAnswerer(Builder builder) {
        this.knowledgeBase = builder.reranker == null ? builder.knowledgeBase
                : builder.knowledgeBase.withReranker(builder.reranker);
        this.model = builder.model;
        this.rewriteModel = builder.rewriteModel != null ? builder.rewriteModel : builder.model;
        this.retrieval = builder.retrieval;
        this.instructions = builder.instructions;
        this.maxTokens = builder.maxTokens;
        this.temperature = builder.temperature;
        this.historyTurns = builder.historyTurns;
        this.noAnswer = builder.noAnswer;
        this.documentCitations = builder.documentCitations;
    }

    /**
     * An answerer with the default settings.
     *
     * @param knowledgeBase where passages come from
     * @param model the model that writes answers (and rewrites follow-up questions)
     * @return the answerer
     */
    public static RagAnswerer of(KnowledgeBase knowledgeBase, ChatModel model) {
        return builder(knowledgeBase, model).build();
    }

    /**
     * A builder for an answerer with other retrieval options, instructions or limits.
     *
     * @param knowledgeBase where passages come from
     * @param model the model that writes answers
     * @return the builder
     */
    public static Builder builder(KnowledgeBase knowledgeBase, ChatModel model) {
        return new Builder(knowledgeBase, model);
    }

    @Override
    public Answer ask(String question) {
        return answer(Queries.check("question", question), List.of(), null);
    }

    @Override
    public Answer ask(String question, Consumer<String> onText) {
        return answer(Queries.check("question", question), List.of(), Objects.requireNonNull(onText, "onText"));
    }

    @Override
    public AnswerConversation conversation() {
        return new SerialConversation(this::answer);
    }

    private Answer answer(String question, List<Answer> earlier, Consumer<String> onText) {
        String search = earlier.isEmpty() ? question : standalone(question, earlier);
        List<RetrievedChunk> passages = knowledgeBase.retrieve(search, retrieval);
        if (passages.isEmpty()) {
            if (onText != null) {
                onText.accept(noAnswer);
            }
            return new Answer(noAnswer, List.of(), List.of(), question, search, "");
        }
        ChatRequest.Builder request = ChatRequest.builder().maxTokens(maxTokens);
        if (documentCitations) {
            request.system(instructions != null ? instructions : Prompts.DOCUMENT_INSTRUCTIONS)
                    .message(Prompts.documentsAndQuestion(passages, search));
        } else {
            request.system(instructions != null ? instructions : Prompts.ANSWER_INSTRUCTIONS)
                    .user(Prompts.passagesAndQuestion(passages, search));
        }
        if (temperature != null) {
            request.temperature(temperature);
        }
        ChatResponse response = onText == null ? model.call(request.build())
                : Blocking.join(model.stream(request.build()).forEachText(onText), "the answer of " + model.modelId());
        return new Answer(response.text(), MessageCitations.of(response.message(), passages), passages, question,
                search, "");
    }

    /** Rewrites a follow-up into a standalone question from the last exchanges. */
    private String standalone(String followUp, List<Answer> earlier) {
        List<Answer> recent = earlier.subList(Math.max(0, earlier.size() - historyTurns), earlier.size());
        ChatResponse reply = rewriteModel.call(ChatRequest.builder()
                .system(Prompts.REWRITE_INSTRUCTIONS)
                .user(Prompts.rewrite(recent, followUp))
                .maxTokens(200)
                .temperature(0)
                .build());
        return Prompts.standalone(reply.text(), followUp);
    }

    @Override
    public String toString() {
        return "RagAnswerer[" + model.modelId() + " over " + knowledgeBase + ", top " + retrieval.topK() + "]";
    }

    /**
     * Builds a {@link RagAnswerer}.
     *
     * <p>Not thread-safe; confine each instance to one thread.
     */
    public static final class Builder {
        private final KnowledgeBase knowledgeBase;
        private final ChatModel model;
        private Reranker reranker;
        private ChatModel rewriteModel;
        private RetrievalOptions retrieval = RetrievalOptions.defaults();
        private String instructions;
        private int maxTokens = DEFAULT_MAX_TOKENS;
        private Double temperature;
        private int historyTurns = DEFAULT_HISTORY_TURNS;
        private String noAnswer = DEFAULT_NO_ANSWER;
        private boolean documentCitations;

        private Builder(KnowledgeBase knowledgeBase, ChatModel model) {
            this.knowledgeBase = Objects.requireNonNull(knowledgeBase, "knowledgeBase");
            this.model = Objects.requireNonNull(model, "model");
        }

        /**
         * Sets how passages are retrieved for each question.
         *
         * @param retrieval the options; default {@link RetrievalOptions#defaults()}
         * @return this
         */
        public Builder retrieval(RetrievalOptions retrieval) {
            this.retrieval = Objects.requireNonNull(retrieval, "retrieval");
            return this;
        }

        /**
         * Reranks the passages before the model sees them: four times {@link #retrieval(RetrievalOptions) the
         * passages wanted} are retrieved and the reranker keeps the best (see
         * {@link KnowledgeBase#withReranker(Reranker)}).
         *
         * @param reranker such as {@link Reranker#keywords()} or a {@link dev.bedrock4j.rag.bedrock.BedrockReranker}
         * @return this
         */
        public Builder reranker(Reranker reranker) {
            this.reranker = Objects.requireNonNull(reranker, "reranker");
            return this;
        }

        /**
         * Replaces the system instructions. With numbered passages (the default) they must tell the model to cite
         * passages by their number in square brackets, or answers will have no citations.
         *
         * @param instructions the system prompt
         * @return this
         */
        public Builder instructions(String instructions) {
            this.instructions = Queries.check("instructions", instructions);
            return this;
        }

        /**
         * Sets the most tokens an answer may have.
         *
         * @param maxTokens at least 1; default {@link RagAnswerer#DEFAULT_MAX_TOKENS}
         * @return this
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens < 1) {
                throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * Sets the sampling temperature of answers; unset, the model's default applies.
         *
         * @param temperature from 0 to 1
         * @return this
         */
        public Builder temperature(double temperature) {
            if (!(temperature >= 0 && temperature <= 1)) {
                throw new IllegalArgumentException("temperature must be between 0 and 1, was " + temperature);
            }
            this.temperature = temperature;
            return this;
        }

        /**
         * Uses another model, such as a smaller and faster one, to rewrite follow-up questions.
         *
         * @param rewriteModel the model; default the answering model
         * @return this
         */
        public Builder rewriteModel(ChatModel rewriteModel) {
            this.rewriteModel = Objects.requireNonNull(rewriteModel, "rewriteModel");
            return this;
        }

        /**
         * Sets how many earlier exchanges the rewrite of a follow-up question sees.
         *
         * @param historyTurns at least 1; default {@link RagAnswerer#DEFAULT_HISTORY_TURNS}
         * @return this
         */
        public Builder historyTurns(int historyTurns) {
            if (historyTurns < 1) {
                throw new IllegalArgumentException("historyTurns must be at least 1, was " + historyTurns);
            }
            this.historyTurns = historyTurns;
            return this;
        }

        /**
         * Sets the answer given, without calling the model, when no passage is found.
         *
         * @param noAnswer the text; default {@link RagAnswerer#DEFAULT_NO_ANSWER}
         * @return this
         */
        public Builder noAnswer(String noAnswer) {
            this.noAnswer = Queries.check("noAnswer", noAnswer);
            return this;
        }

        /**
         * Sends the passages as documents with Converse citations enabled, instead of numbered text, for models
         * that cite documents themselves (such as Anthropic Claude models with citations); the model's citation
         * blocks map to passages by document index. Converse accepts at most
         * {@value RagAnswerer#MAX_DOCUMENTS} documents, so retrieve at most that many passages.
         *
         * @param documentCitations {@code true} for documents; default {@code false}, numbered passages and
         *                          {@code [n]} markers, which work with every model
         * @return this
         */
        public Builder documentCitations(boolean documentCitations) {
            this.documentCitations = documentCitations;
            return this;
        }

        /**
         * Builds the answerer.
         *
         * @return the answerer
         */
        public RagAnswerer build() {
            if (documentCitations && retrieval.topK() > MAX_DOCUMENTS) {
                throw new IllegalArgumentException("with documentCitations the passages go as documents, and"
                        + " Converse accepts at most " + MAX_DOCUMENTS + "; retrieve at most that many (topK was "
                        + retrieval.topK() + ")");
            }
            return new RagAnswerer(this);
        }
    }
}
