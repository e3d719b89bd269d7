"""Runs every operation of the Bedrock4j local Bedrock server through boto3 and prints "ok <Operation>" for each.

The testkit's StandaloneServerIT runs it against the server jar; the README's fidelity table reports what it ran.
Usage: BEDROCK_ENDPOINT=http://127.0.0.1:8088 python3 boto3_fidelity.py
"""
import json
import os
import urllib.request

import boto3
import botocore.exceptions

ENDPOINT = os.environ.get("BEDROCK_ENDPOINT", "http://127.0.0.1:8088")
CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0"
TITAN_EMBED = "amazon.titan-embed-text-v2:0"
KEYS = {"region_name": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(ENDPOINT + "/_emulator" + path, data=data, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def ok(operation):
    print("ok " + operation, flush=True)


def user(text):
    return [{"role": "user", "content": [{"text": text}]}]


runtime = boto3.client("bedrock-runtime", endpoint_url=ENDPOINT, **KEYS)
agents = boto3.client("bedrock-agent-runtime", endpoint_url=ENDPOINT, **KEYS)
control("POST", "/reset")

# Converse: a scripted text, then a tool use
control("PUT", "/models/" + CLAUDE, {"replies": [
    "Paris.",
    {"toolUse": {"name": "get_weather", "input": {"city": "Paris"}}}]})
answer = runtime.converse(modelId=CLAUDE, messages=user("Capital of France?"), inferenceConfig={"maxTokens": 50})
assert answer["output"]["message"]["content"][0]["text"] == "Paris."
assert answer["stopReason"] == "end_turn" and answer["usage"]["totalTokens"] > 0
tool = runtime.converse(modelId=CLAUDE, messages=user("Weather?"), toolConfig={"tools": [{"toolSpec": {
    "name": "get_weather", "inputSchema": {"json": {"type": "object"}}}}]})
assert tool["stopReason"] == "tool_use"
assert tool["output"]["message"]["content"][0]["toolUse"]["input"] == {"city": "Paris"}
ok("Converse")

# ConverseStream: deltas, stop reason, usage; then an exception inside the stream
control("PUT", "/models/" + CLAUDE, {"reply": "one two three four",
                                      "faults": [{"calls": 1, "type": "latency", "millis": 1}]})
events = list(runtime.converse_stream(modelId=CLAUDE, messages=user("Count"))["stream"])
assert "".join(e["contentBlockDelta"]["delta"]["text"] for e in events if "contentBlockDelta" in e) == "one two three four"
assert [e["messageStop"]["stopReason"] for e in events if "messageStop" in e] == ["end_turn"]
assert [e for e in events if "metadata" in e][0]["metadata"]["usage"]["outputTokens"] > 0
control("POST", "/models/" + CLAUDE, {"faults": [
    {"type": "inStreamException", "exceptionType": "modelStreamErrorException", "afterEvents": 2}]})
try:
    list(runtime.converse_stream(modelId=CLAUDE, messages=user("Count"))["stream"])
    raise AssertionError("the stream should have failed")
except botocore.exceptions.EventStreamError as e:
    assert e.response["Error"]["Code"] == "modelStreamErrorException"
ok("ConverseStream")

# InvokeModel: the model family's native body, and an embedding
control("PUT", "/models/" + CLAUDE, {"reply": "Native hello."})
native = json.loads(runtime.invoke_model(modelId=CLAUDE, body=json.dumps({
    "anthropic_version": "bedrock-2023-05-31", "max_tokens": 50,
    "messages": [{"role": "user", "content": "Hi"}]}))["body"].read())
assert native["content"][0]["text"] == "Native hello." and native["stop_reason"] == "end_turn"
embedding = json.loads(runtime.invoke_model(modelId=TITAN_EMBED, body=json.dumps({"inputText": "hello"}))["body"].read())
assert len(embedding["embedding"]) == 1024
ok("InvokeModel")

# InvokeModelWithResponseStream: native chunks
chunks = [json.loads(e["chunk"]["bytes"]) for e in runtime.invoke_model_with_response_stream(
    modelId=CLAUDE, body=json.dumps({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 50,
                                     "messages": [{"role": "user", "content": "Hi"}]}))["body"]]
assert "".join(c["delta"]["text"] for c in chunks if c["type"] == "content_block_delta") == "Native hello."
ok("InvokeModelWithResponseStream")

# Errors: a scripted ValidationException, and throttling that boto3 retries
control("PUT", "/models/" + CLAUDE, {"reply": "fine", "faults": [
    {"type": "error", "status": 400, "errorType": "ValidationException", "message": "Bad input."}]})
try:
    runtime.converse(modelId=CLAUDE, messages=user("Hi"))
    raise AssertionError("the call should have failed")
except runtime.exceptions.ValidationException as e:
    assert e.response["Error"]["Message"] == "Bad input."
control("POST", "/faults", {"type": "throttling"})
assert runtime.converse(modelId=CLAUDE, messages=user("Hi"))["output"]["message"]["content"][0]["text"] == "fine"
ok("errors")

# Retrieve, RetrieveAndGenerate, RetrieveAndGenerateStream
control("PUT", "/knowledge-bases/KB1", {"documents": [
    {"id": "returns", "text": "Items can be returned within 30 days.", "metadata": {"category": "policy"}},
    {"id": "shipping", "text": "Orders ship within one business day."}]})
results = agents.retrieve(knowledgeBaseId="KB1", retrievalQuery={"text": "when can items be returned"},
                          retrievalConfiguration={"vectorSearchConfiguration": {"numberOfResults": 1}})
assert results["retrievalResults"][0]["content"]["text"] == "Items can be returned within 30 days."
assert results["retrievalResults"][0]["metadata"]["category"] == "policy"
ok("Retrieve")
control("PUT", "/models/" + CLAUDE, {"reply": "Within 30 days."})
configuration = {"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": {"knowledgeBaseId": "KB1", "modelArn": CLAUDE}}
generated = agents.retrieve_and_generate(input={"text": "Returns?"}, retrieveAndGenerateConfiguration=configuration)
assert generated["output"]["text"] == "Within 30 days."
assert generated["citations"][0]["retrievedReferences"][0]["content"]["text"].startswith("Items can be returned")
ok("RetrieveAndGenerate")
streamed = list(agents.retrieve_and_generate_stream(input={"text": "Returns?"},
                                                    retrieveAndGenerateConfiguration=configuration)["stream"])
assert "".join(e["output"]["text"] for e in streamed if "output" in e) == "Within 30 days."
assert any("citation" in e for e in streamed)
ok("RetrieveAndGenerateStream")

# InvokeAgent: a return of control, then a text answer
control("PUT", "/agents/AGENT1/ALIAS1", {
    "replies": [{"returnControl": {"actionGroup": "orders", "function": "getOrder", "parameters": {"orderId": "42"}}}],
    "reply": "Order 42 ships tomorrow."})
first = list(agents.invoke_agent(agentId="AGENT1", agentAliasId="ALIAS1", sessionId="s1",
                                 inputText="Where is order 42?")["completion"])
assert first[0]["returnControl"]["invocationInputs"][0]["functionInvocationInput"]["function"] == "getOrder"
second = list(agents.invoke_agent(agentId="AGENT1", agentAliasId="ALIAS1", sessionId="s1", inputText="And?")["completion"])
assert "".join(e["chunk"]["bytes"].decode() for e in second if "chunk" in e) == "Order 42 ships tomorrow."
ok("InvokeAgent")

# the recorded requests, without credentials
recorded = control("GET", "/requests")
assert recorded["count"] == len(recorded["requests"])
assert all("Signature=<redacted>" in r["headers"]["authorization"][0] for r in recorded["requests"])
ok("requests")
