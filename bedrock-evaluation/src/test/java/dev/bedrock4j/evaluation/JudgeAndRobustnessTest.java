package dev.bedrock4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JudgeAndRobustnessTest {

    /** A model answering with a function of the request, recording what it was asked. */
    static final class ScriptedModel implements ChatModel {
        final List<ChatRequest> requests = new ArrayList<>();
        final Function<ChatRequest, String> answer;

        ScriptedModel(Function<ChatRequest, String> answer) {
            this.answer = answer;
        }

        @Override
        public String modelId() {
            return "scripted.model-v1";
        }

        @Override
        public synchronized ChatResponse call(ChatRequest request) {
            requests.add(request);
            return ChatResponse.ofText(answer.apply(request));
        }
    }

    @Test
    void judgeRepliesAreReadDefensively() {
        assertThat(LlmJudge.parseScore("{\"score\": 4, \"reason\": \"good\"}", 1, 5)).isEqualTo(OptionalDouble.of(4));
        assertThat(LlmJudge.parseScore("```json\n{\"score\": \"5\"}\n```", 1, 5)).isEqualTo(OptionalDouble.of(5));
        assertThat(LlmJudge.parseScore("Reasoning first... {\"reason\":\"x\",\"score\":2}", 1, 5)).isEqualTo(OptionalDouble.of(2));
        assertThat(LlmJudge.parseScore("Score: 3. The answer misses the date.", 1, 5)).isEqualTo(OptionalDouble.of(3));
        assertThat(LlmJudge.parseScore("I'd give it 4/5.", 1, 5)).isEqualTo(OptionalDouble.of(4));
        assertThat(LlmJudge.parseScore("That is 2 out of 5", 1, 5)).isEqualTo(OptionalDouble.of(2));
        assertThat(LlmJudge.parseScore(" 5 ", 1, 5)).isEqualTo(OptionalDouble.of(5));
        assertThat(LlmJudge.parseScore("{\"score\": 9}", 1, 5)).isEmpty();
        assertThat(LlmJudge.parseScore("{\"score\": \"great\"}", 1, 5)).isEmpty();
        assertThat(LlmJudge.parseScore("It is quite good overall.", 1, 5)).isEmpty();
    }

    @Test
    void judgeSeesRubricInputReferenceAndAnswerAndScoresOnZeroToOne() {
        ScriptedModel judge = new ScriptedModel(r -> "{\"score\": 4, \"reason\": \"mostly right\"}");
        LlmJudge metric = LlmJudge.of(judge, "faithfulness", "States only facts from the input.");
        Sample sample = Sample.of(EvalCase.of("s1", "Revenue rose 5% in Q2.", "Revenue grew 5% in Q2."), "Revenue rose.");

        assertThat(metric.name()).isEqualTo("judge:faithfulness");
        assertThat(metric.score(sample)).isCloseTo(0.75, within(1e-9));
        String asked = judge.requests.get(0).lastUserText();
        assertThat(asked).contains("<rubric>\nStates only facts from the input.\n</rubric>")
                .contains("<input>\nRevenue rose 5% in Q2.\n</input>")
                .contains("<reference>\nRevenue grew 5% in Q2.\n</reference>")
                .contains("<answer>\nRevenue rose.\n</answer>");
        assertThat(judge.requests.get(0).temperature()).hasValue(0.0);
        assertThat(metric.withScale(0, 10).score(sample)).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void anUnreadableJudgeReplyIsAnErrorNotAZero() {
        LlmJudge metric = LlmJudge.of(new ScriptedModel(r -> "Looks fine to me."), "helpful", "Helps the user.");
        assertThatThrownBy(() -> metric.score(Sample.of(EvalCase.of("q7", "Hi", "Hello"), "Hello")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'q7'").hasMessageContaining("from 1 to 5");
    }

    @Test
    void perturbationsAreSmallDeterministicAndDistinct() {
        String text = "Invoice number 4411 from ACME Corporation, payable within thirty days.";
        for (Perturbation p : Perturbation.values()) {
            String once = p.apply(text, 7);
            assertThat(p.apply(text, 7)).as(p + " is deterministic").isEqualTo(once);
            assertThat(once).as(p + " changes the text").isNotEqualTo(text);
        }
        String typos = Perturbation.TYPOS.apply(text, 7);
        assertThat(typos).hasSameSizeAs(text);
        assertThat(typos.chars().sorted().toArray()).isEqualTo(text.chars().sorted().toArray());
        assertThat(Perturbation.CASING.apply(text, 7).toLowerCase()).isEqualTo(text.toLowerCase());
        assertThat(Perturbation.WHITESPACE.apply(text, 7).replaceAll("\\s+", " ").strip()).isEqualTo(text);
        assertThat(Perturbation.TYPOS.apply(text, 8)).isNotEqualTo(typos);
    }

    @Test
    void robustnessRerunsPerturbedCopiesAndAveragesTheInnerScore() {
        EvalCase evalCase = EvalCase.of("r1", "What is the capital of France?", "Paris");
        Robustness robust = Robustness.of(ExactMatch.normalized());
        // a model that is right only when the question arrives unchanged
        List<EvalCase> reruns = new ArrayList<>();
        Sample sample = new Sample(evalCase, "Paris", "m", "v", changed -> {
            reruns.add(changed);
            return ChatResponse.ofText(changed.input().equals(evalCase.input()) ? "Paris" : "I am not sure");
        }, ChatModel::call);

        assertThat(robust.name()).isEqualTo("robustness(exact_match)");
        assertThat(robust.score(sample)).isEqualTo(0.0);
        assertThat(reruns).hasSize(3).extracting(EvalCase::input).doesNotHaveDuplicates()
                .doesNotContain(evalCase.input());
        assertThat(reruns.get(0)).isEqualTo(robust.perturb(evalCase, 0));

        Sample steady = new Sample(evalCase, "Paris", "m", "v", changed -> ChatResponse.ofText("paris"), ChatModel::call);
        assertThat(Robustness.of(ExactMatch.normalized(), 5, 1L, Perturbation.CASING).score(steady)).isEqualTo(1.0);
    }

    @Test
    void robustnessPerturbsEveryUserTextOfAPromptCase() {
        EvalCase prompt = EvalCase.builder("p1").prompt(ChatRequest.builder().system("Answer briefly.")
                .user("Name the largest planet.").assistant("Jupiter.").user("And the smallest one?").build()).build();
        EvalCase perturbed = Robustness.of(ExactMatch.normalized()).perturb(prompt, 1);   // casing
        ChatRequest request = perturbed.request();
        assertThat(request.system()).isEqualTo(prompt.request().system());
        assertThat(request.messages().get(1)).isEqualTo(prompt.request().messages().get(1));
        assertThat(request.messages().get(0).text().toLowerCase()).isEqualTo("name the largest planet.");
        assertThat(perturbed.input()).isNotEqualTo(prompt.input());
    }

    @Test
    void robustnessNeedsAnEvaluationToRerun() {
        Sample loose = Sample.of(EvalCase.of("x", "q", "a"), "a");
        assertThatThrownBy(() -> Robustness.of(ExactMatch.normalized()).score(loose))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside an Evaluation");
    }
}
