"""The fake provider is deterministic; the HTTP provider talks to a local stub server."""

import asyncio
import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
from pydantic import BaseModel, Field

from app.core.config import Settings
from app.llm import LLMError, LLMRequest, LLMTimeoutError, get_llm_client
from app.llm.fake import FakeLLMClient, example
from app.llm.openai_compatible import OpenAICompatibleClient


class Verdict(BaseModel):
    score: int = Field(ge=0, le=100)
    label: str
    qualified: bool


async def test_fake_gives_the_same_reply_to_the_same_request():
    request = LLMRequest(system="Tu qualifies des leads.", prompt="Lead: ACME")
    assert await FakeLLMClient().complete(request) == await FakeLLMClient().complete(request)


async def test_fake_reply_depends_on_the_request():
    first = await FakeLLMClient().complete(LLMRequest(system="s", prompt="a"))
    second = await FakeLLMClient().complete(LLMRequest(system="s", prompt="b"))
    assert first != second


async def test_fake_answers_valid_json_for_a_schema():
    request = LLMRequest(system="s", prompt="p", response_schema=Verdict.model_json_schema())
    verdict = Verdict.model_validate_json(await FakeLLMClient().complete(request))
    assert 0 <= verdict.score <= 100


def test_provider_is_chosen_by_settings():
    assert isinstance(get_llm_client(Settings(llm_provider="fake")), FakeLLMClient)
    client = get_llm_client(Settings(llm_provider="openai", llm_base_url="http://127.0.0.1:9/v1"))
    assert isinstance(client, OpenAICompatibleClient)


class StubHandler(BaseHTTPRequestHandler):
    """Answers like a chat completions API; the path picks the behaviour."""

    received: ClassVar[list[dict]] = []
    busy: ClassVar[int] = 0

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        auth = self.headers.get("Authorization")
        StubHandler.received.append({"path": self.path, "body": body, "auth": auth})
        if self.path.startswith("/slow"):
            time.sleep(1.0)
        if self.path.startswith("/broken"):
            self.reply(500, {"error": "boom"})
        elif self.path.startswith("/busy") and StubHandler.busy > 0:
            StubHandler.busy -= 1
            self.reply(429, {"error": "rate limited"}, retry_after="0")
        elif self.path.startswith("/empty"):
            self.reply(200, {"choices": []})
        else:
            content = json.dumps({"echo": body["messages"][1]["content"]})
            self.reply(200, {"choices": [{"message": {"role": "assistant", "content": content}}]})

    def reply(self, status, payload, retry_after=None):
        data = json.dumps(payload).encode()
        self.send_response(status)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up (timeout test)
            self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def stub_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def http_client(base_url, timeout=5.0):
    return OpenAICompatibleClient(
        base_url=base_url, api_key="sk-test", model="m", timeout=timeout, backoff=0.01
    )


async def test_http_provider_returns_the_message_content(stub_server):
    reply = await http_client(f"{stub_server}/ok/v1").complete(
        LLMRequest(system="Système", prompt="Bonjour", response_schema={"type": "object"})
    )
    assert json.loads(reply) == {"echo": "Bonjour"}
    sent = StubHandler.received[-1]
    assert sent["path"] == "/ok/v1/chat/completions"
    assert sent["auth"] == "Bearer sk-test"
    assert sent["body"]["messages"][0] == {"role": "system", "content": "Système"}
    assert sent["body"]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "output", "schema": {"type": "object"}},
    }


async def test_http_provider_sends_the_output_schema_by_its_title(stub_server):
    schema = Verdict.model_json_schema()
    await http_client(f"{stub_server}/ok/v1").complete(
        LLMRequest(system="s", prompt="p", response_schema=schema)
    )
    sent = StubHandler.received[-1]["body"]["response_format"]
    assert sent == {"type": "json_schema", "json_schema": {"name": "Verdict", "schema": schema}}


async def test_rate_limited_requests_are_retried_within_the_budget(stub_server):
    StubHandler.busy = 2
    before = len(StubHandler.received)

    reply = await http_client(f"{stub_server}/busy/v1").complete(LLMRequest(system="s", prompt="p"))

    assert json.loads(reply) == {"echo": "p"}
    assert len(StubHandler.received) - before == 3


async def test_server_errors_are_retried_then_reported(stub_server):
    before = len(StubHandler.received)

    with pytest.raises(LLMError, match="HTTP 500"):
        await http_client(f"{stub_server}/broken").complete(LLMRequest(system="s", prompt="p"))

    assert len(StubHandler.received) - before == 3  # the first try and max_retries=2


async def test_one_http_client_serves_every_request(stub_server):
    client = http_client(f"{stub_server}/ok/v1")
    pool = client.http
    await client.complete(LLMRequest(system="s", prompt="a"))
    await client.complete(LLMRequest(system="s", prompt="b"))
    assert client.http is pool
    await client.aclose()
    assert pool.is_closed


OPENAI = {"llm_provider": "openai", "llm_base_url": "http://127.0.0.1:9/v1"}


def test_the_http_provider_is_shared_between_callers():
    settings = Settings(**OPENAI)
    assert get_llm_client(settings) is get_llm_client(settings)


async def test_each_event_loop_has_its_own_http_provider():
    settings = Settings(**OPENAI)
    here = get_llm_client(settings)
    assert get_llm_client(settings) is here
    assert await asyncio.to_thread(lambda: asyncio.run(in_another_loop(settings))) is not here


async def in_another_loop(settings):
    return get_llm_client(settings)


async def test_http_error_becomes_llm_error(stub_server):
    with pytest.raises(LLMError, match="HTTP 500"):
        await http_client(f"{stub_server}/broken").complete(LLMRequest(system="s", prompt="p"))


async def test_reply_without_choices_becomes_llm_error(stub_server):
    with pytest.raises(LLMError, match="choices"):
        await http_client(f"{stub_server}/empty").complete(LLMRequest(system="s", prompt="p"))


async def test_slow_server_becomes_timeout(stub_server):
    with pytest.raises(LLMTimeoutError):
        await http_client(f"{stub_server}/slow", timeout=0.2).complete(
            LLMRequest(system="s", prompt="p")
        )


async def test_unreachable_server_becomes_llm_error():
    with pytest.raises(LLMError, match="failed"):
        await http_client("http://127.0.0.1:9").complete(LLMRequest(system="s", prompt="p"))


def test_fake_examples_accept_any_seed_text():
    schema = Verdict.model_json_schema()
    verdict = Verdict.model_validate(example(schema, schema.get("$defs", {}), "n'importe quoi"))
    assert 0 <= verdict.score <= 100
