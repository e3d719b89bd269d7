package dev.bedrock4j.core.internal;

import dev.bedrock4j.core.spi.JsonSupport;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatRequest;
import dev.bedrock4j.core.chat.ChatResponse;
import dev.bedrock4j.core.chat.Prompt;
import dev.bedrock4j.core.chat.RenderedRequest;
import org.junit.jupiter.api.Test;

class ConverseRendererTest {
    static final ChatModel MODEL = new ChatModel() {
        @Override
        public String modelId() {
            return "anthropic.claude-3-haiku-20240307-v1:0";
        }

        @Override
        public ChatResponse call(ChatRequest request) {
            throw new AssertionError("rendering must not call the model");
        }
    };

    @Test
    void rendersTheExactJsonAndTheCliCommand() {
        RenderedRequest view = new Prompt(MODEL).system("Be brief.").user("It's sunny?").maxTokens(50).render();

        assertThat(JsonSupport.parse(view.json())).isEqualTo(JsonSupport.parse("""
                {"modelId":"anthropic.claude-3-haiku-20240307-v1:0",
                 "messages":[{"role":"user","content":[{"text":"It's sunny?"}]}],
                 "system":[{"text":"Be brief."}],
                 "inferenceConfig":{"maxTokens":50}}"""));
        assertThat(view.cli()).isEqualTo("aws bedrock-runtime converse \\\n"
                + "  --model-id 'anthropic.claude-3-haiku-20240307-v1:0' \\\n"
                + "  --messages '[{\"role\":\"user\",\"content\":[{\"text\":\"It'\"'\"'s sunny?\"}]}]' \\\n"
                + "  --system '[{\"text\":\"Be brief.\"}]' \\\n"
                + "  --inference-config '{\"maxTokens\":50}'");
        assertThat(view.modelId()).isEqualTo(MODEL.modelId());
    }

    @Test
    void cliFlagsAreKebabCase() {
        assertThat(ConverseRenderer.kebab("additionalModelRequestFields")).isEqualTo("additional-model-request-fields");
        assertThat(ConverseRenderer.kebab("toolConfig")).isEqualTo("tool-config");
    }
}
