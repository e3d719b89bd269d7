package dev.bedrock4j.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bedrock4j.tools.internal.SchemaValidator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Description("A postal address")
    record Address(@Description("Street and number") String street, String city, Optional<String> postcode) {
    }

    enum Priority { LOW, HIGH, @JsonProperty("urgent") URGENT }

    record Scalars(int count, long big, short small, byte tiny, Integer boxed, BigInteger huge, double ratio,
                   float f, BigDecimal amount, boolean flag, Boolean boxedFlag, char letter, String text,
                   UUID id, URI link, byte[] data, OptionalInt maybeCount) {
    }

    record Times(LocalDate day, Instant at, OffsetDateTime offset, LocalDateTime local, LocalTime time,
                 Duration pause) {
    }

    record Containers(List<String> tags, Set<Integer> ids, String[] names, Map<String, Double> prices,
                      Map<Priority, String> byPriority, List<Address> addresses, Priority priority) {
    }

    record Customer(String name, Address home, Address work) {
    }

    record Category(String name, List<Category> children, Optional<Category> parent) {
    }

    record Employee(String name, Optional<Employee> manager, Team team) {
    }

    record Team(String name, List<Employee> members) {
    }

    /** A POJO with public fields, a setter and an ignored property. */
    public static class Ticket {
        @Description("Short summary")
        public String title;
        private int severity;
        @JsonIgnore
        public String internal;

        public int getSeverity() {
            return severity;
        }

        @Description("1 (low) to 5 (critical)")
        public void setSeverity(int severity) {
            this.severity = severity;
        }

        public String getComputed() {
            return "read-only";
        }
    }

    /** Only getters: Jackson cannot set anything. */
    public static class ReadOnly {
        public String getName() {
            return "x";
        }
    }

    record WithRename(@JsonProperty("account_number") String accountNumber) {
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void recordBecomesObjectWithDescriptionsAndRequiredNonOptionalComponents() throws Exception {
        JsonNode schema = JsonSchemas.of(Address.class);

        assertThat(schema).isEqualTo(JSON.readTree("""
                {"type":"object","description":"A postal address",
                 "properties":{"street":{"type":"string","description":"Street and number"},
                               "city":{"type":"string"},"postcode":{"type":"string"}},
                 "required":["street","city"],"additionalProperties":false}"""));
    }

    @Test
    void scalarsMapToTheirJsonTypes() {
        JsonNode p = JsonSchemas.of(Scalars.class).get("properties");

        for (String integer : List.of("count", "big", "small", "tiny", "boxed", "huge", "maybeCount")) {
            assertThat(p.get(integer).get("type").asText()).as(integer).isEqualTo("integer");
        }
        for (String number : List.of("ratio", "f", "amount")) {
            assertThat(p.get(number).get("type").asText()).as(number).isEqualTo("number");
        }
        assertThat(p.get("flag").get("type").asText()).isEqualTo("boolean");
        assertThat(p.get("boxedFlag").get("type").asText()).isEqualTo("boolean");
        assertThat(p.get("letter").toString()).isEqualTo("{\"type\":\"string\",\"minLength\":1,\"maxLength\":1}");
        assertThat(p.get("id").get("format").asText()).isEqualTo("uuid");
        assertThat(p.get("link").get("format").asText()).isEqualTo("uri");
        assertThat(p.get("data").get("contentEncoding").asText()).isEqualTo("base64");
        assertThat(JsonSchemas.of(Scalars.class).get("required")).extracting(JsonNode::asText)
                .doesNotContain("maybeCount").contains("count", "text", "data");
    }

    @Test
    void javaTimeTypesUseFormatsOrPatterns() {
        JsonNode p = JsonSchemas.of(Times.class).get("properties");

        assertThat(p.get("day").get("format").asText()).isEqualTo("date");
        assertThat(p.get("at").get("format").asText()).isEqualTo("date-time");
        assertThat(p.get("offset").get("format").asText()).isEqualTo("date-time");
        assertThat(p.get("pause").get("format").asText()).isEqualTo("duration");
        assertThat(p.get("local").get("pattern").asText()).isNotEmpty();
        assertThat(p.get("time").get("pattern").asText()).isNotEmpty();
        SchemaValidator validator = SchemaValidator.compile(JsonSchemas.of(Times.class));
        assertThat(validator.validate(JSON.valueToTree(Map.of("day", "2024-05-01", "at", "2024-05-01T10:00:00Z",
                "offset", "2024-05-01T10:00:00+02:00", "local", "2024-05-01T10:00:00", "time", "10:00",
                "pause", "PT5M")))).isEmpty();
        assertThat(validator.validate(JSON.valueToTree(Map.of("day", "2024-05-01", "at", "2024-05-01T10:00:00Z",
                "offset", "2024-05-01T10:00:00+02:00", "local", "yesterday", "time", "10:00",
                "pause", "PT5M")))).singleElement().asString().contains("local");
    }

    @Test
    void collectionsArraysMapsAndEnums() throws Exception {
        JsonNode p = JsonSchemas.of(Containers.class).get("properties");

        assertThat(p.get("tags")).isEqualTo(JSON.readTree("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
        assertThat(p.get("ids")).isEqualTo(JSON.readTree(
                "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"uniqueItems\":true}"));
        assertThat(p.get("names")).isEqualTo(JSON.readTree("{\"type\":\"array\",\"items\":{\"type\":\"string\"}}"));
        assertThat(p.get("prices")).isEqualTo(JSON.readTree(
                "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"number\"}}"));
        assertThat(p.get("byPriority").get("propertyNames").get("enum")).extracting(JsonNode::asText)
                .containsExactly("LOW", "HIGH", "urgent");
        assertThat(p.get("priority")).isEqualTo(JSON.readTree(
                "{\"type\":\"string\",\"enum\":[\"LOW\",\"HIGH\",\"urgent\"]}"));
        assertThat(p.get("addresses")).isEqualTo(JSON.readTree(
                "{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/Address\"}}"));
    }

    @Test
    void nestedTypesAreDefinedOnceAndReferenced() {
        JsonNode schema = JsonSchemas.of(Customer.class);

        assertThat(schema.at("/properties/home/$ref").asText()).isEqualTo("#/$defs/Address");
        assertThat(schema.at("/properties/work/$ref").asText()).isEqualTo("#/$defs/Address");
        assertThat(schema.get("$defs").size()).isEqualTo(1);
        assertThat(schema.at("/$defs/Address/description").asText()).isEqualTo("A postal address");
        assertThat(schema.at("/$defs/Address/required")).extracting(JsonNode::asText).containsExactly("street", "city");
    }

    @Test
    void recursiveTypesTerminateAndValidate() throws Exception {
        JsonNode category = JsonSchemas.of(Category.class);
        assertThat(category.at("/properties/children/items/$ref").asText()).isEqualTo("#");
        assertThat(category.at("/properties/parent/$ref").asText()).isEqualTo("#");
        assertThat(category.at("/required")).extracting(JsonNode::asText).containsExactly("name", "children");

        JsonNode employee = JsonSchemas.of(Employee.class);
        assertThat(employee.at("/properties/team/$ref").asText()).isEqualTo("#/$defs/Team");
        assertThat(employee.at("/$defs/Team/properties/members/items/$ref").asText()).isEqualTo("#");

        SchemaValidator validator = SchemaValidator.compile(category);
        assertThat(validator.validate(JSON.readTree(
                "{\"name\":\"root\",\"children\":[{\"name\":\"leaf\",\"children\":[]}]}"))).isEmpty();
        assertThat(validator.validate(JSON.readTree(
                "{\"name\":\"root\",\"children\":[{\"name\":\"leaf\"}]}"))).singleElement().asString()
                .contains("children");
    }

    @Test
    void pojoPropertiesAreWhatJacksonCanSet() {
        JsonNode schema = JsonSchemas.of(Ticket.class);

        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrder("title", "severity");
        assertThat(schema.at("/properties/title/description").asText()).isEqualTo("Short summary");
        assertThat(schema.at("/properties/severity/description").asText()).isEqualTo("1 (low) to 5 (critical)");
        assertThat(schema.at("/properties/severity/type").asText()).isEqualTo("integer");
    }

    @Test
    void jacksonRenamesApply() {
        assertThat(names(JsonSchemas.of(WithRename.class).get("properties"))).containsExactly("account_number");
    }

    @Test
    void genericTypesAreResolved() {
        JsonNode schema = JsonSchemas.of(new TypeReference<Map<String, List<Address>>>() { }.getType());

        assertThat(schema.at("/additionalProperties/items/$ref").asText()).isEqualTo("#/$defs/Address");
    }

    @Test
    void generatedSchemasAreValidJsonSchema() {
        for (Class<?> type : List.of(Address.class, Scalars.class, Times.class, Containers.class, Customer.class,
                Category.class, Employee.class, Ticket.class)) {
            SchemaValidator.compile(JsonSchemas.of(type));
        }
    }

    @Test
    void typesWithoutSettablePropertiesAreRejectedClearly() {
        assertThatThrownBy(() -> JsonSchemas.of(ReadOnly.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReadOnly").hasMessageContaining("setters");
    }
}
