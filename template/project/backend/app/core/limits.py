"""Bounded input: a request body larger than MAX_BODY_BYTES is answered 413
before it is read whole, and a JSON body nested deeper than MAX_JSON_DEPTH 422.

An ASGI middleware: the Content-Length is checked first, then the streamed
bytes are counted as they arrive (a chunked body has no length), so a 50 MB
body costs at most the limit in memory. The body, once within bounds, is
handed to the application unchanged.
"""

import json
import re
from typing import Any

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A JSON string, escapes included: its brackets do not nest anything.
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKETS = b"[]{}"
NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in BRACKETS)
OPENERS = frozenset(b"[{")


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether the JSON document `body` nests arrays and objects deeper than `limit`."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    for byte in JSON_STRING.sub(b'""', body).translate(None, NOT_BRACKETS):
        depth = depth + 1 if byte in OPENERS else depth - 1
        if depth > limit:
            return True
    return False


def is_json(headers: Headers) -> bool:
    media_type = headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


async def answer(send: Send, status: int, detail: Any) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_body_bytes: int, max_json_depth: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_json_depth = max_json_depth

    def too_large(self) -> str:
        return f"The request body is larger than {self.max_body_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            await answer(send, 413, self.too_large())
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, replay([message], receive), send)
                return
            body += message.get("body", b"")
            if len(body) > self.max_body_bytes:
                await answer(send, 413, self.too_large())
                return
            if not message.get("more_body", False):
                break
        if is_json(headers) and json_depth_exceeds(bytes(body), self.max_json_depth):
            detail = [
                {
                    "loc": ["body"],
                    "msg": f"JSON nested deeper than {self.max_json_depth} levels",
                    "type": "json_too_deep",
                }
            ]
            await answer(send, 422, detail)
            return
        whole: Message = {"type": "http.request", "body": bytes(body), "more_body": False}
        await self.app(scope, replay([whole], receive), send)


def replay(messages: list[Message], receive: Receive) -> Receive:
    """`messages` first, then the server's own (a disconnect, for a response that waits on it)."""
    pending = list(messages)

    async def receive_again() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return receive_again
