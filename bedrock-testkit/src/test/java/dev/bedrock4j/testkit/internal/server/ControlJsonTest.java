package dev.bedrock4j.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.spi.JsonSupport;
import dev.bedrock4j.testkit.AgentReply;
import dev.bedrock4j.testkit.Fault;
import dev.bedrock4j.testkit.ModelReply;
import dev.bedrock4j.testkit.WireEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control API's JSON forms read into the very values the Java scripting API builds. */
class ControlJsonTest {

    private static Fault fault(String json) {
        return ControlJson.fault(JsonSupport.parse(json), "", true).fault();
    }

    @Test
    void everyFaultHasAJsonForm() {
        assertThat(fault("{\"type\": \"throttling\"}")).isEqualTo(Fault.throttling());
        assertThat(fault("{\"type\": \"internalError\"}")).isEqualTo(Fault.internalError());
        assertThat(fault("{\"type\": \"serviceUnavailable\"}")).isEqualTo(Fault.serviceUnavailable());
        assertThat(fault("{\"type\": \"error\", \"status\": 403, \"errorType\": \"AccessDeniedException\", \"message\": \"No.\"}"))
                .isEqualTo(Fault.error(403, "AccessDeniedException", "No."));
        assertThat(fault("{\"type\": \"latency\", \"millis\": 250}")).isEqualTo(Fault.latency(Duration.ofMillis(250)));
        assertThat(fault("{\"type\": \"paced\", \"millis\": 20}")).isEqualTo(Fault.paced(Duration.ofMillis(20)));
        assertThat(fault("{\"type\": \"cutStream\", \"afterEvents\": 3}")).isEqualTo(Fault.cutStreamAfter(3));
        assertThat(fault("{\"type\": \"malformedFrame\", \"afterEvents\": 1}")).isEqualTo(Fault.malformedFrameAfter(1));
        assertThat(fault("{\"type\": \"connectionReset\"}")).isEqualTo(Fault.connectionReset());
        assertThat(fault("{\"type\": \"rateLimit\", \"perSecond\": 5}")).isEqualTo(Fault.rateLimit(5));
        assertThat(fault("{\"type\": \"rateLimit\", \"perSecond\": 5, \"burst\": 2}")).isEqualTo(new Fault.RateLimit(5, 2));
        assertThat(fault("{\"type\": \"inStreamException\", \"exceptionType\": \"throttlingException\", \"afterEvents\": 2}"))
                .isEqualTo(Fault.inStreamException("throttlingException", 2));
        assertThat(ControlJson.fault(JsonSupport.parse("{\"type\": \"throttling\", \"calls\": 3}"), "", true).calls())
                .isEqualTo(3);
    }

    @Test
    void aFaultsOwnRulesStillApply() {
        assertThatThrownBy(() -> fault("{\"type\": \"error\", \"status\": 200, \"errorType\": \"X\"}"))
                .isInstanceOfSatisfying(AnswerException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("the body: status must be an HTTP error status (400-599), was 200"));
        assertThatThrownBy(() -> fault("{\"type\": \"latency\", \"millis\": 5, \"afterEvents\": 1}"))
                .hasMessage("afterEvents is not a known field; expected [calls, millis, type]");
        assertThatThrownBy(() -> fault("{\"type\": \"latency\", \"millis\": \"5\"}")).hasMessage("millis must be an integer, was \"5\"");
        assertThatThrownBy(() -> ControlJson.fault(JsonSupport.parse("{\"type\": \"throttling\", \"calls\": 2}"), "fault", false))
                .hasMessageStartingWith("fault.calls: a standing fault applies to every call");
    }

    @Test
    void everyModelReplyHasAJsonForm() {
        assertThat(ControlJson.modelReply(JsonSupport.parse("\"Hi\""), "reply")).isEqualTo(ModelReply.text("Hi"));
        assertThat(ControlJson.modelReply(JsonSupport.parse("{\"text\": \"Hi\"}"), "reply")).isEqualTo(ModelReply.text("Hi"));
        assertThat(ControlJson.modelReply(JsonSupport.parse("{\"toolUse\": {\"name\": \"f\", \"input\": {\"a\": 1}}}"), "reply"))
                .isEqualTo(ModelReply.toolUse("f", "{\"a\": 1}"));
        assertThat(ControlJson.modelReply(JsonSupport.parse("{\"rawBody\": {\"x\": 1}}"), "reply"))
                .isEqualTo(ModelReply.rawBody("{\"x\": 1}"));
        assertThat(ControlJson.modelReply(JsonSupport.parse(
                "{\"events\": [{\"event\": \"messageStart\", \"payload\": {\"role\": \"assistant\"}},"
                        + " {\"exception\": \"throttlingException\", \"message\": \"Slow.\"}, {\"chunk\": {\"a\": 1}}]}"), "reply"))
                .isEqualTo(ModelReply.events(WireEvent.messageStart(), WireEvent.exception("throttlingException", "Slow."),
                        WireEvent.chunk("{\"a\":1}")));
        assertThatThrownBy(() -> ControlJson.modelReply(JsonSupport.parse("{\"text\": \"a\", \"stopReason\": \"x\"}"), "replies[0]"))
                .hasMessageStartingWith("replies[0] must be a model reply: a string, or an object with one of \"text\",");
        assertThatThrownBy(() -> ControlJson.modelReply(JsonSupport.parse("{\"events\": [{\"event\": \" \"}]}"), "reply"))
                .hasMessageStartingWith("reply.events[0]: type must not be blank");
    }

    @Test
    void everyAgentReplyHasAJsonForm() {
        assertThat(ControlJson.agentReply(JsonSupport.parse("\"Hi\""), "reply")).isEqualTo(AgentReply.text("Hi"));
        assertThat(ControlJson.agentReply(JsonSupport.parse(
                "{\"text\": \"Hi\", \"citations\": [{\"text\": \"src\", \"s3Uri\": \"s3://b/k\"}]}"), "reply"))
                .isEqualTo(AgentReply.text("Hi").citing("src", "s3://b/k"));
        assertThat(ControlJson.agentReply(JsonSupport.parse(
                "{\"returnControl\": {\"actionGroup\": \"g\", \"function\": \"f\", \"parameters\": {\"id\": \"42\", \"n\": 7}}}"),
                "reply")).isEqualTo(AgentReply.returnControl("g", "f", Map.of("id", "42", "n", "7")));
        assertThat(ControlJson.agentReply(JsonSupport.parse("{\"events\": []}"), "reply")).isEqualTo(new AgentReply.Events(List.of()));
    }

    @Test
    void documentsKeepTheirMetadata() {
        List<ControlJson.Document> documents = ControlJson.documents(JsonSupport.parse(
                "{\"documents\": [{\"id\": \"a\", \"text\": \"A.\", \"metadata\": {\"year\": 2024, \"tags\": [\"x\"]}}]}"));
        assertThat(documents).containsExactly(new ControlJson.Document("a", "A.", Map.of("year", 2024, "tags", List.of("x"))));
        assertThatThrownBy(() -> ControlJson.documents(JsonSupport.parse("{\"documents\": [{\"id\": \"a\"}]}")))
                .hasMessage("documents[0].text is missing");
    }
}
