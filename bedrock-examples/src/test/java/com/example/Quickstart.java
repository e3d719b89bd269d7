package com.example;

import dev.bedrock4j.core.Bedrock;
import dev.bedrock4j.core.chat.ChatModel;
import dev.bedrock4j.core.chat.ChatResponse;

public class Quickstart {
    public static void main(String[] args) {
        try (Bedrock bedrock = Bedrock.create()) {          // your AWS region and credentials, found as the AWS CLI finds them
            ChatModel model = bedrock.chat("us.anthropic.claude-3-5-haiku-20241022-v1:0");
            ChatResponse reply = model.prompt()
                    .system("Answer in one sentence.")
                    .user("Why is the sky blue?")
                    .maxTokens(200)
                    .call();
            System.out.println(reply.text());
        }
    }
}
