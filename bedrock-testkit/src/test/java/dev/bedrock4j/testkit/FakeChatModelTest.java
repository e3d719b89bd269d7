package dev.bedrock4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.ThrottledException;
import dev.bedrock4j.core.chat.ChatResponse;
import org.junit.jupiter.api.Test;

class FakeChatModelTest {

    @Test
    void answersFromTheScriptInOrderThenFromTheResponder() {
        FakeChatModel model = FakeChatModel.create().enqueueText("one", "two");
        model.respondWith(request -> ChatResponse.ofText("echo " + request.lastUserText()));
        assertThat(model.prompt().user("a").call().text()).isEqualTo("one");
        assertThat(model.prompt().user("b").call().text()).isEqualTo("two");
        assertThat(model.prompt().user("c").call().text()).isEqualTo("echo c");
        assertThat(model.requestCount()).isEqualTo(3);
        assertThat(model.lastRequest().lastUserText()).isEqualTo("c");
        assertThat(model.prompt().user("d").call().modelId()).hasValue(FakeChatModel.DEFAULT_MODEL_ID);
    }

    @Test
    void failsLoudlyNamingTheRequestWhenTheScriptRunsOut() {
        FakeChatModel model = FakeChatModel.create("amazon.nova-lite-v1:0").enqueueText("only");
        model.prompt().user("first").call();
        assertThatThrownBy(() -> model.prompt().user("Where is my order 42?").call())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request #2")
                .hasMessageContaining("amazon.nova-lite-v1:0")
                .hasMessageContaining("Where is my order 42?");
    }

    @Test
    void scriptedErrorsAreThrown() {
        FakeChatModel model = FakeChatModel.create().enqueueError(new ThrottledException("slow down"));
        assertThatThrownBy(() -> model.prompt().user("x").call()).isInstanceOf(ThrottledException.class);
    }

    @Test
    void validatesLikeTheRealModel() {
        FakeChatModel titan = FakeChatModel.create("amazon.titan-text-express-v1").enqueueText("never");
        assertThatThrownBy(() -> titan.prompt().system("s").user("x").call()).isInstanceOf(InvalidRequestException.class);
        assertThat(titan.requestCount()).isZero();
        assertThat(titan.remaining()).isEqualTo(1);
    }

    @Test
    void echoAnswersWithTheLastUserText() {
        assertThat(FakeChatModel.echo().prompt().user("ping").call().text()).isEqualTo("ping");
    }
}
