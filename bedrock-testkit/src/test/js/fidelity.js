// Runs every operation of the Bedrock4j local Bedrock server through the AWS SDK for JavaScript v3 and prints
// "ok <Operation>" for each. The testkit's StandaloneServerIT runs it against the server jar when the SDK is
// installed here (npm install); the README's fidelity table reports what it ran.
const assert = require("node:assert");
const runtime = require("@aws-sdk/client-bedrock-runtime");
const agentRuntime = require("@aws-sdk/client-bedrock-agent-runtime");

const endpoint = process.env.BEDROCK_ENDPOINT ?? "http://127.0.0.1:8088";
const claude = "anthropic.claude-3-haiku-20240307-v1:0";
const settings = { endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
const user = (text) => [{ role: "user", content: [{ text }] }];
const ok = (operation) => console.log(`ok ${operation}`);

async function control(method, path, body) {
  const response = await fetch(`${endpoint}/_emulator${path}`, { method, body: body && JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

async function main() {
  const models = new runtime.BedrockRuntimeClient(settings);
  const agents = new agentRuntime.BedrockAgentRuntimeClient(settings);
  await control("POST", "/reset");

  await control("PUT", `/models/${claude}`, { replies: ["Paris.", { toolUse: { name: "get_weather", input: { city: "Paris" } } }] });
  const answer = await models.send(new runtime.ConverseCommand({ modelId: claude, messages: user("Capital of France?") }));
  assert.strictEqual(answer.output.message.content[0].text, "Paris.");
  const tool = await models.send(new runtime.ConverseCommand({ modelId: claude, messages: user("Weather?") }));
  assert.strictEqual(tool.stopReason, "tool_use");
  assert.deepStrictEqual(tool.output.message.content[0].toolUse.input, { city: "Paris" });
  ok("Converse");

  await control("PUT", `/models/${claude}`, { reply: "one two three four" });
  let text = "";
  let stopReason;
  const stream = await models.send(new runtime.ConverseStreamCommand({ modelId: claude, messages: user("Count") }));
  for await (const event of stream.stream) {
    text += event.contentBlockDelta?.delta?.text ?? "";
    stopReason = event.messageStop?.stopReason ?? stopReason;
  }
  assert.strictEqual(text, "one two three four");
  assert.strictEqual(stopReason, "end_turn");
  await control("POST", `/models/${claude}`, { faults: [{ type: "inStreamException", exceptionType: "modelStreamErrorException", afterEvents: 2 }] });
  await assert.rejects(async () => {
    const failing = await models.send(new runtime.ConverseStreamCommand({ modelId: claude, messages: user("Count") }));
    for await (const event of failing.stream) assert.ok(event);
  }, (error) => error.name === "ModelStreamErrorException");
  ok("ConverseStream");

  const nativeBody = JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 50, messages: [{ role: "user", content: "Hi" }] });
  await control("PUT", `/models/${claude}`, { reply: "Native hello." });
  const native = await models.send(new runtime.InvokeModelCommand({ modelId: claude, body: nativeBody }));
  assert.strictEqual(JSON.parse(new TextDecoder().decode(native.body)).content[0].text, "Native hello.");
  ok("InvokeModel");

  const chunks = await models.send(new runtime.InvokeModelWithResponseStreamCommand({ modelId: claude, body: nativeBody }));
  let streamed = "";
  for await (const event of chunks.body) {
    const chunk = JSON.parse(new TextDecoder().decode(event.chunk.bytes));
    if (chunk.type === "content_block_delta") streamed += chunk.delta.text;
  }
  assert.strictEqual(streamed, "Native hello.");
  ok("InvokeModelWithResponseStream");

  await control("PUT", `/models/${claude}`, { reply: "fine", faults: [{ type: "error", status: 400, errorType: "ValidationException", message: "Bad input." }] });
  await assert.rejects(models.send(new runtime.ConverseCommand({ modelId: claude, messages: user("Hi") })),
    (error) => error.name === "ValidationException" && error.message === "Bad input.");
  await control("POST", "/faults", { type: "throttling", calls: 1 });
  const retried = await models.send(new runtime.ConverseCommand({ modelId: claude, messages: user("Hi") }));
  assert.strictEqual(retried.output.message.content[0].text, "fine");
  ok("errors");

  await control("PUT", "/knowledge-bases/KB1", { documents: [
    { id: "returns", text: "Items can be returned within 30 days." },
    { id: "shipping", text: "Orders ship within one business day." }] });
  const results = await agents.send(new agentRuntime.RetrieveCommand({ knowledgeBaseId: "KB1",
    retrievalQuery: { text: "when can items be returned" } }));
  assert.strictEqual(results.retrievalResults[0].content.text, "Items can be returned within 30 days.");
  ok("Retrieve");

  await control("PUT", `/models/${claude}`, { reply: "Within 30 days." });
  const configuration = { type: "KNOWLEDGE_BASE", knowledgeBaseConfiguration: { knowledgeBaseId: "KB1", modelArn: claude } };
  const generated = await agents.send(new agentRuntime.RetrieveAndGenerateCommand({ input: { text: "Returns?" },
    retrieveAndGenerateConfiguration: configuration }));
  assert.strictEqual(generated.output.text, "Within 30 days.");
  ok("RetrieveAndGenerate");

  const generating = await agents.send(new agentRuntime.RetrieveAndGenerateStreamCommand({ input: { text: "Returns?" },
    retrieveAndGenerateConfiguration: configuration }));
  let generatedText = "";
  for await (const event of generating.stream) generatedText += event.output?.text ?? "";
  assert.strictEqual(generatedText, "Within 30 days.");
  ok("RetrieveAndGenerateStream");

  await control("PUT", "/agents/AGENT1/ALIAS1", { reply: "Order 42 ships tomorrow." });
  const invocation = await agents.send(new agentRuntime.InvokeAgentCommand({ agentId: "AGENT1", agentAliasId: "ALIAS1",
    sessionId: "s1", inputText: "Where is order 42?" }));
  let agentText = "";
  for await (const event of invocation.completion) agentText += event.chunk ? new TextDecoder().decode(event.chunk.bytes) : "";
  assert.strictEqual(agentText, "Order 42 ships tomorrow.");
  ok("InvokeAgent");

  const recorded = await control("GET", "/requests");
  assert.ok(recorded.requests.every((r) => r.headers.authorization[0].includes("Signature=<redacted>")));
  ok("requests");
  models.destroy();
  agents.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
