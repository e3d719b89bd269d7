// Scripts the Bedrock4j local Bedrock server over HTTP, then calls it with the AWS SDK for JavaScript v3.
// Start the server first: java -jar bedrock-testkit-VERSION-server.jar --port 8088
const assert = require("node:assert");
const {
  BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand,
} = require("@aws-sdk/client-bedrock-runtime");

const endpoint = process.env.BEDROCK_ENDPOINT ?? "http://127.0.0.1:8088";
const model = "anthropic.claude-3-haiku-20240307-v1:0";

/** Calls the server's control API; returns its JSON answer, if any. */
async function control(method, path, body) {
  const response = await fetch(`${endpoint}/_emulator${path}`, { method, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

async function main() {
  await control("POST", "/reset");
  await control("PUT", `/models/${model}`, { replies: ["Hello from the emulator!"], reply: "Anything else?" });

  const client = new BedrockRuntimeClient({
    endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const response = await client.send(new ConverseCommand({
    modelId: model, messages: [{ role: "user", content: [{ text: "Hi" }] }],
  }));
  assert.strictEqual(response.output.message.content[0].text, "Hello from the emulator!");

  const stream = await client.send(new ConverseStreamCommand({
    modelId: model, messages: [{ role: "user", content: [{ text: "And?" }] }],
  }));
  let text = "";
  for await (const event of stream.stream) text += event.contentBlockDelta?.delta?.text ?? "";
  assert.strictEqual(text, "Anything else?");

  const { requests } = await control("GET", "/requests");
  assert.deepStrictEqual(requests.map((r) => r.lastUserText), ["Hi", "And?"]);
  client.destroy();
  console.log("JavaScript example passed");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
