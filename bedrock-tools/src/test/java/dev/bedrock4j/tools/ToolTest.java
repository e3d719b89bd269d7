package dev.bedrock4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.ToolDefinition;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record WeatherQuery(@Description("City name") String city, Optional<String> unit) {
    }

    record Booking(String guest, LocalDate from, int nights) {
    }

    record Forecast(String city, int celsius) {
    }

    /** Tools declared as annotated methods. */
    public static class TravelTools {
        @ToolMethod(name = "get_weather", description = "Current weather for a city.")
        public Forecast weather(@Description("City name") String city) {
            return new Forecast(city, 21);
        }

        @ToolMethod(description = "Days between two dates.", timeoutMillis = 1500)
        public long daysBetween(LocalDate from, LocalDate to, Optional<Boolean> inclusive) {
            long days = to.toEpochDay() - from.toEpochDay();
            return inclusive.orElse(false) ? days + 1 : days;
        }

        @ToolMethod
        @Description("Reads a file.")
        public String readFile(@JsonProperty("file_name") String name) throws IOException {
            throw new IOException("no such file: " + name);
        }

        @ToolMethod(description = "Forgets everything.")
        public void reset() {
        }

        public String notATool() {
            return "";
        }
    }

    /** A tool method that is not public. */
    public static class HiddenTool {
        @ToolMethod(description = "Hidden.")
        String hidden() {
            return "";
        }
    }

    /** A tool method without a description. */
    public static class UndescribedTool {
        @ToolMethod
        public String mystery() {
            return "";
        }
    }

    static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void typedToolDecodesItsInputAndReturnsTextAsText() throws Exception {
        Tool<WeatherQuery> weather = Tool.of("get_weather", "Current weather for a city.", WeatherQuery.class,
                query -> "sunny in " + query.city() + query.unit().map(u -> " (" + u + ")").orElse(""));

        assertThat(weather.definition().inputSchema().at("/properties/city/description").asText()).isEqualTo("City name");
        assertThat(weather.call("t1", json("{\"city\":\"Paris\"}")))
                .isEqualTo(ContentBlock.toolResult("t1", "sunny in Paris"));
        assertThat(weather.call("t2", json("{\"city\":\"Oslo\",\"unit\":\"C\"}")))
                .isEqualTo(ContentBlock.toolResult("t2", "sunny in Oslo (C)"));
    }

    @Test
    void objectsGoBackAsJsonAndJavaTimeInputsAreConverted() throws Exception {
        Tool<Booking> book = Tool.of("book", "Books a room.", Booking.class,
                b -> Map.of("guest", b.guest(), "until", b.from().plusDays(b.nights())));

        ContentBlock.ToolResult result = book.call("t1", json("{\"guest\":\"Ada\",\"from\":\"2024-05-01\",\"nights\":3}"));

        assertThat(result.error()).isFalse();
        assertThat(result.content()).singleElement().isEqualTo(
                new ContentBlock.Json(json("{\"guest\":\"Ada\",\"until\":\"2024-05-04\"}")));
    }

    @Test
    void invalidInputBecomesAnErrorResultTheModelCanRead() throws Exception {
        Tool<Booking> book = Tool.of("book", "Books a room.", Booking.class, b -> "booked");

        ContentBlock.ToolResult result = book.call("t1", json("{\"guest\":\"Ada\",\"nights\":\"three\"}"));

        assertThat(result.error()).isTrue();
        assertThat(text(result)).startsWith("invalid input for tool 'book':")
                .contains("from").contains("nights").contains("Correct the input");
    }

    @Test
    void aThrowingFunctionBecomesAnErrorResult() throws Exception {
        Tool<WeatherQuery> broken = Tool.of("broken", "Always fails.", WeatherQuery.class, q -> {
            throw new IllegalStateException("weather service down");
        });

        ContentBlock.ToolResult result = broken.call("t1", json("{\"city\":\"Paris\"}"));

        assertThat(result.error()).isTrue();
        assertThat(text(result)).isEqualTo("tool 'broken' failed with IllegalStateException; the details are not shown."
                + " Try again with other input, or answer without this tool.");
        assertThat(text(broken.call("t2", json("{\"city\":\"Paris\"}"), ToolErrorMapper.verbatim())))
                .isEqualTo("tool 'broken' failed: IllegalStateException: weather service down");
    }

    @Test
    void handWrittenSchemasWork() throws Exception {
        ToolDefinition definition = ToolDefinition.of("lookup", "Looks up a word.", json(
                "{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\",\"minLength\":2}},\"required\":[\"word\"]}"));
        Tool<JsonNode> lookup = Tool.of(definition, input -> input.get("word").asText().toUpperCase());

        assertThat(text(lookup.call("t1", json("{\"word\":\"hello\"}")))).isEqualTo("HELLO");
        assertThat(lookup.call("t2", json("{\"word\":\"h\"}")).error()).isTrue();
    }

    @Test
    void annotatedMethodsBecomeTools() throws Exception {
        List<Tool<?>> tools = Tool.fromMethods(new TravelTools());

        assertThat(tools).extracting(Tool::name).containsExactly("daysBetween", "get_weather", "readFile", "reset");
        Tool<?> days = tools.get(0);
        assertThat(days.definition().description()).isEqualTo("Days between two dates.");
        assertThat(days.definition().inputSchema()).isEqualTo(json("""
                {"type":"object","properties":{"from":{"type":"string","format":"date"},
                 "to":{"type":"string","format":"date"},"inclusive":{"type":"boolean"}},
                 "required":["from","to"],"additionalProperties":false}"""));
        assertThat(days.timeout()).contains(Duration.ofMillis(1500));
        assertThat(text(days.call("t1", json("{\"from\":\"2024-05-01\",\"to\":\"2024-05-04\"}")))).isEqualTo("3");
        assertThat(text(days.call("t2", json("{\"from\":\"2024-05-01\",\"to\":\"2024-05-04\",\"inclusive\":true}"))))
                .isEqualTo("4");

        Tool<?> weather = tools.get(1);
        assertThat(weather.definition().inputSchema().at("/properties/city/description").asText()).isEqualTo("City name");
        assertThat(weather.call("t3", json("{\"city\":\"Rome\"}")).content())
                .containsExactly(new ContentBlock.Json(json("{\"city\":\"Rome\",\"celsius\":21}")));

        Tool<?> readFile = tools.get(2);
        assertThat(readFile.definition().description()).isEqualTo("Reads a file.");
        assertThat(readFile.definition().inputSchema().at("/required/0").asText()).isEqualTo("file_name");
        ContentBlock.ToolResult failed = readFile.call("t4", json("{\"file_name\":\"a.txt\"}"));
        assertThat(failed.error()).isTrue();
        assertThat(text(failed)).isEqualTo("tool 'readFile' failed with IOException; the details are not shown."
                + " Try again with other input, or answer without this tool.");
        assertThat(text(readFile.call("t4", json("{\"file_name\":\"a.txt\"}"), (tool, e) -> tool + ": " + e)))
                .isEqualTo("readFile: java.io.IOException: no such file: a.txt");

        assertThat(text(tools.get(3).call("t5", json("{}")))).isEqualTo("done");
    }

    @Test
    void methodToolsNeedToBePublicAndDescribed() {
        assertThatThrownBy(() -> Tool.fromMethods(new HiddenTool()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("hidden").hasMessageContaining("public");
        assertThatThrownBy(() -> Tool.fromMethods(new UndescribedTool()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).contains("description"))
                .hasMessageContaining("mystery");
    }

    @Test
    void namesAreCheckedAgainstBedrocksRule() {
        assertThatThrownBy(() -> Tool.of("get weather", "Weather.", WeatherQuery.class, q -> ""))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("name"))
                .hasMessageContaining("'get weather'").hasMessageContaining("get_weather");
        assertThatThrownBy(() -> Tool.of("x".repeat(65), "Long.", WeatherQuery.class, q -> ""))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> Tool.of("blank", " ", WeatherQuery.class, q -> ""))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("description"));
    }

    @Test
    void schemasAreCheckedAgainstWhatBedrockAccepts() throws Exception {
        assertThatThrownBy(() -> Tool.of(ToolDefinition.of("list", "A list.", json("{\"type\":\"array\"}")), in -> ""))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("inputSchema"))
                .hasMessageContaining("\"type\": \"object\"");
        assertThatThrownBy(() -> Tool.of(ToolDefinition.of("either", "Either.", json(
                "{\"type\":\"object\",\"anyOf\":[{\"required\":[\"a\"]},{\"required\":[\"b\"]}]}")), in -> ""))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("anyOf");
        assertThatThrownBy(() -> Tool.of(ToolDefinition.of("bad", "Bad.", json(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"strng\"}}}")), in -> ""))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("invalid");
        assertThatThrownBy(() -> Tool.of("lists", "Lists.", List.class, in -> ""))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("\"type\": \"object\"");
    }

    @Test
    void schemasInOtherDialectsAreCheckedByTheirOwnMetaSchema() throws Exception {
        Tool<JsonNode> tuple = Tool.of(ToolDefinition.of("pair", "A pair.", json("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"pair":{"type":"array","items":[{"type":"string"},{"type":"integer"}]}}}""")),
                in -> in.get("pair").get(0).asText());

        assertThat(text(tuple.call("t1", json("{\"pair\":[\"a\",1]}")))).isEqualTo("a");
        assertThat(tuple.call("t2", json("{\"pair\":[\"a\",\"b\"]}")).error()).isTrue();
    }

    @Test
    void remoteReferencesAreNeverFetched() throws Exception {
        assertThatThrownBy(() -> Tool.of(ToolDefinition.of("remote", "Remote.", json(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"https://schemas.example.invalid/a.json\"}}}")),
                in -> ""))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).contains("inputSchema"));
    }

    @Test
    void registryRejectsDuplicateNames() {
        Tool<WeatherQuery> a = Tool.of("same", "A.", WeatherQuery.class, q -> "");
        Tool<WeatherQuery> b = Tool.of("same", "B.", WeatherQuery.class, q -> "");

        assertThatThrownBy(() -> ToolRegistry.of(a, b)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("'same'");
        assertThat(ToolRegistry.of(a).find("same")).containsSame(a);
        assertThat(ToolRegistry.fromMethods(new TravelTools()).names())
                .containsExactly("daysBetween", "get_weather", "readFile", "reset");
    }

    static String text(ContentBlock.ToolResult result) {
        return ((ContentBlock.Text) result.content().get(0)).text();
    }
}
