"""Scripts the Bedrock4j local Bedrock server over HTTP, then calls it with boto3.

Start the server first: java -jar bedrock-testkit-VERSION-server.jar --port 8088
"""
import json
import os
import urllib.request

import boto3

ENDPOINT = os.environ.get("BEDROCK_ENDPOINT", "http://127.0.0.1:8088")
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"


def control(method, path, body=None):
    """Calls the server's control API; returns its JSON answer, if any."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(ENDPOINT + "/_emulator" + path, data=data, method=method)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


control("POST", "/reset")
control("PUT", "/models/" + MODEL, {"replies": ["Hello from the emulator!"], "reply": "Anything else?"})
control("POST", "/faults", {"type": "throttling", "calls": 1})  # the next call gets HTTP 429; boto3 retries it

client = boto3.client("bedrock-runtime", endpoint_url=ENDPOINT, region_name="us-east-1",
                      aws_access_key_id="test", aws_secret_access_key="test")

response = client.converse(modelId=MODEL, messages=[{"role": "user", "content": [{"text": "Hi"}]}])
assert response["output"]["message"]["content"][0]["text"] == "Hello from the emulator!"

stream = client.converse_stream(modelId=MODEL, messages=[{"role": "user", "content": [{"text": "And?"}]}])
text = "".join(event["contentBlockDelta"]["delta"]["text"]
               for event in stream["stream"] if "contentBlockDelta" in event)
assert text == "Anything else?"

requests = control("GET", "/requests")["requests"]
assert [r["attempt"] for r in requests] == [1, 2, 1]  # the throttled call, its retry, the stream
assert requests[-1]["body"]["messages"][0]["content"][0]["text"] == "And?"
print("boto3 example passed")
