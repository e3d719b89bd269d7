#!/usr/bin/env bash
# Scripts the Bedrock4j local Bedrock server with curl, then calls it with the AWS CLI (v1 or v2).
# Start the server first: java -jar bedrock-testkit-VERSION-server.jar --port 8088
set -euo pipefail
ENDPOINT="${BEDROCK_ENDPOINT:-http://127.0.0.1:8088}"
MODEL="amazon.nova-lite-v1:0"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1

curl -sf -X POST "$ENDPOINT/_emulator/reset"
curl -sf -X PUT "$ENDPOINT/_emulator/models/$MODEL" -d '{"reply": "Hello from the emulator!"}'
curl -sf -X PUT "$ENDPOINT/_emulator/knowledge-bases/KB1" \
     -d '{"documents": [{"id": "returns", "text": "Items can be returned within 30 days."}]}'

aws --endpoint-url "$ENDPOINT" bedrock-runtime converse --model-id "$MODEL" \
    --messages '[{"role": "user", "content": [{"text": "Hi"}]}]' \
    --query 'output.message.content[0].text' --output text

body=$(mktemp)
echo '{"messages": [{"role": "user", "content": [{"text": "Hi"}]}]}' > "$body"
aws --endpoint-url "$ENDPOINT" bedrock-runtime invoke-model --model-id "$MODEL" --body "fileb://$body" "$body.out" >/dev/null
python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["output"]["message"]["content"][0]["text"])' "$body.out"
rm -f "$body" "$body.out"

aws --endpoint-url "$ENDPOINT" bedrock-agent-runtime retrieve --knowledge-base-id KB1 \
    --retrieval-query text="How long do I have to return an item?" \
    --query 'retrievalResults[0].content.text' --output text
aws --endpoint-url "$ENDPOINT" bedrock-agent-runtime retrieve-and-generate --input text="Returns?" \
    --retrieve-and-generate-configuration '{"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration":
        {"knowledgeBaseId": "KB1", "modelArn": "'"$MODEL"'"}}' \
    --query 'output.text' --output text

curl -sf "$ENDPOINT/_emulator/requests?operation=Converse" | python3 -c 'import json, sys; print(json.load(sys.stdin)["count"], "Converse request")'
