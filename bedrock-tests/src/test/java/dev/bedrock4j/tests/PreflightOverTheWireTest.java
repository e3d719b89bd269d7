package dev.bedrock4j.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.BedrockException;
import dev.bedrock4j.core.InvalidRequestException;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ContentBlock;
import dev.bedrock4j.core.chat.Conversation;
import dev.bedrock4j.core.chat.Message;
import dev.bedrock4j.testkit.FakeChatModel;
import dev.bedrock4j.testkit.LocalBedrockServer;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;

/**
 * The mistakes of "Errors users meet" (items 2 to 4), through the real SDK clients against the local server:
 * what fails before sending sends nothing, and what only Bedrock can judge comes back as Bedrock answers it,
 * with the hint the catalog can give.
 */
class PreflightOverTheWireTest {
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String BLANK_USER_TEXT = "the user text is empty; Bedrock rejects blank text, so pass the words the model"
            + " should answer (an unset variable or an empty form field often ends up here)";
    static LocalBedrockServer server;
    static Bedrock bedrock;
    static ChatModel haiku;

    @BeforeAll
    static void start() {
        server = LocalBedrockServer.start();
        bedrock = Bedrock.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("akid", "secret")))
                .build();
        haiku = bedrock.chat(HAIKU);
    }

    @AfterAll
    static void stop() {
        bedrock.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    static InvalidRequestException preflight(Executable call, String field) {
        InvalidRequestException[] thrown = new InvalidRequestException[1];
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).hasValue(field);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.statusCode()).isZero();
            thrown[0] = e;
        });
        return thrown[0];
    }

    /** PNG bytes of a given size whose header declares 100 x 100 pixels. */
    static byte[] png(int size) {
        byte[] data = new byte[size];
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 100,
            0, 0, 0, 100};
        System.arraycopy(header, 0, data, 0, header.length);
        return data;
    }

    // Item 2: blank model ids and blank text are not sent, and the fake refuses them the same way.

    @Test
    void blankModelIdsFailWhereTheModelIsCreated() {
        String empty = "the model id is empty; pass a Bedrock model id such as \"anthropic.claude-3-5-haiku-20241022-v1:0\","
                + " an inference profile id such as \"us.anthropic.claude-3-5-haiku-20241022-v1:0\", or an ARN";
        assertThat(preflight(() -> bedrock.chat(""), "modelId")).hasMessage(empty);
        assertThat(preflight(() -> bedrock.embeddings(""), "modelId")).hasMessage(empty);
        assertThat(preflight(() -> bedrock.nativeModel(""), "modelId")).hasMessage(empty);
        assertThat(preflight(() -> FakeChatModel.create(""), "modelId")).hasMessage(empty);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void blankUserTextFailsWhereItIsPassed() {
        assertThat(preflight(() -> bedrock.chat(HAIKU).prompt().user(""), "messages[0].content[0].text"))
                .hasMessage(BLANK_USER_TEXT);
        assertThat(preflight(() -> haiku.prompt().user("   "), "messages[0].content[0].text"))
                .hasMessage(BLANK_USER_TEXT.replace("is empty", "is blank"));

        Conversation conversation = haiku.conversation();
        assertThat(conversation.send("Hi").text()).isEqualTo("You said: Hi");
        assertThat(preflight(() -> conversation.send(""), "content[0].text")).hasMessage(BLANK_USER_TEXT);
        assertThat(conversation.history()).hasSize(2);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void blankTextBlocksFailBeforeSendingInCallsAndStreamsAndInTheFake() {
        InvalidRequestException real = preflight(() -> haiku.call(r -> r.user("Hi").message(Message.assistant(""))
                .user("Again")), "messages[1].content[0].text");
        assertThat(real).hasMessage("messages[1].content[0] is an empty text block; Bedrock rejects blank text, so put words"
                + " in it or remove the block");
        preflight(() -> haiku.prompt().user(ContentBlock.text(" ")).stream(), "messages[0].content[0].text");
        assertThat(server.requests()).isEmpty();

        FakeChatModel fake = FakeChatModel.create(HAIKU);
        InvalidRequestException faked = preflight(() -> fake.call(r -> r.user("Hi").message(Message.assistant(""))
                .user("Again")), "messages[1].content[0].text");
        assertThat(faked).hasMessage(real.getMessage());
        assertThat(fake.requestCount()).isZero();
    }

    // Item 3: media over the model's limits and maxTokens over its output limit fail before uploading.

    @Test
    void a30MbImageFailsAtOnceWithoutUploading() {
        ContentBlock image = ContentBlock.image(png(30 * 1024 * 1024));
        InvalidRequestException e = preflight(() -> haiku.prompt().user(ContentBlock.text("What is this?"), image).call(),
                "messages[0].content[1]");
        assertThat(e).hasMessage("messages[0].content[1] is an image of 31,457,280 bytes;"
                + " anthropic.claude-3-haiku-20240307-v1:0 accepts images of up to 3.75 MB (3,932,160 bytes; 5 MB once"
                + " base64-encoded), so scale it down or compress it");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void a4MbImageIsOverTheLimitAndOneOfExactly375MbIsNot() {
        preflight(() -> haiku.prompt().user(ContentBlock.text("What is this?"), ContentBlock.image(png(4_000_000))).call(),
                "messages[0].content[1]");
        assertThat(server.requests()).isEmpty();

        assertThat(haiku.prompt().user(ContentBlock.text("What is this?"), ContentBlock.image(png(3_932_160))).call().text())
                .isEqualTo("You said: What is this?");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void maxTokensOverTheModelsOutputLimitFailsBeforeSending() {
        assertThat(preflight(() -> haiku.prompt().user("Write a novel").maxTokens(1_000_000).call(), "maxTokens"))
                .hasMessage("maxTokens is 1000000, but anthropic.claude-3-haiku-20240307-v1:0 writes at most 4096 tokens per"
                        + " answer; set maxTokens to 4096 or less");
        assertThat(server.requests()).isEmpty();
        haiku.prompt().user("Write a haiku").maxTokens(4096).call();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void callersThatSkipPreflightMeetBedrocksOwnAnswer() {
        BedrockException e = BedrockException.from(catching(() -> bedrock.runtimeClient().converse(r -> r.modelId(HAIKU)
                .inferenceConfig(c -> c.maxTokens(1_000_000))
                .messages(m -> m.role(ConversationRole.USER).content(c -> c.text("Write a novel"))))), HAIKU);
        assertThat(e).isInstanceOf(InvalidRequestException.class)
                .hasMessage("The maximum tokens you requested exceeds the model limit of 4096. Try again with a maximum"
                        + " tokens value that is lower than 4096. [model anthropic.claude-3-haiku-20240307-v1:0]");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(server.requests()).hasSize(1);
    }

    // Item 4: a typo of a known id reaches Bedrock (it might be a model the catalog does not know yet), and
    // Bedrock's answer names the likely intended id.

    @Test
    void aTypoComesBackAsBedrocksInvalidIdErrorWithTheLikelyIntendedId() {
        ChatModel typo = bedrock.chat("anthropic.claude-3-haiku-20240307-v1");
        assertThatThrownBy(() -> typo.prompt().user("Hi").call()).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.field()).isEmpty();
            assertThat(e.requestId()).isPresent();
        }).hasMessage("The provided model identifier is invalid. [model anthropic.claude-3-haiku-20240307-v1]"
                + " Did you mean \"anthropic.claude-3-haiku-20240307-v1:0\"?");
        assertThat(server.requests()).hasSize(1);

        ChatModel prefixed = bedrock.chat("us.anthropic.claude-3-haiku-2024307-v1:0");
        assertThatThrownBy(() -> prefixed.prompt().user("Hi").stream().collect().join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(InvalidRequestException.class)
                .hasMessageEndingWith("Did you mean \"us.anthropic.claude-3-haiku-20240307-v1:0\"?");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void letterCaseVariantsFailBeforeSendingAndUnknownIdsStayAllowed() {
        assertThat(preflight(() -> bedrock.chat("Anthropic.Claude-3-Haiku-20240307-v1:0"), "modelId"))
                .hasMessage("the model id \"Anthropic.Claude-3-Haiku-20240307-v1:0\" differs from the known id"
                        + " \"anthropic.claude-3-haiku-20240307-v1:0\" only in letter case; Bedrock ids are case-sensitive, so"
                        + " use \"anthropic.claude-3-haiku-20240307-v1:0\"");
        assertThat(server.requests()).isEmpty();

        // a model Bedrock serves but the catalog does not know yet: the library sends it
        server.model("acme.brand-new-model-v1:0");
        assertThat(bedrock.chat("acme.brand-new-model-v1:0").prompt().user("Hi").call().text()).isEqualTo("You said: Hi");
        assertThat(server.requests()).hasSize(1);
    }

    static RuntimeException catching(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
