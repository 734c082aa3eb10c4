"""Benchmark peer: the seed stack (FastAPI + python-socketio under uvicorn).

join_room and send_message with the same event and ack shapes as chat-server
(docs/protocol.md), so that chat-bench drives it unchanged. No history, no presence.
    /usr/bin/python3 server.py PORT
"""

import itertools
import re
import sys
from datetime import datetime, timezone

import socketio
import uvicorn
from fastapi import FastAPI

ROOM = re.compile(r"^[\w.-]{1,64}$")

sio = socketio.AsyncServer(async_mode="asgi", cors_allowed_origins="*", max_http_buffer_size=65536)
api = FastAPI()
app = socketio.ASGIApp(sio, other_asgi_app=api)
sequence = itertools.count(1)


@api.get("/health")
async def health():
    return {"status": "ok"}


def error(code, message):
    return {"ok": False, "error": {"code": code, "message": message}}


@sio.event
async def connect(sid, environ, auth=None):
    await sio.emit("session", {"user_id": "u_" + sid[:8], "handle": "Bench Peer",
                               "token": "", "resumed": False}, to=sid)


@sio.event
async def join_room(sid, payload):
    room = str((payload or {}).get("room", "")).strip().lower()
    if not ROOM.match(room):
        return error("invalid_room", "Invalid room name")
    sio.enter_room(sid, room)
    return {"ok": True, "room": room, "members": [], "history": [], "last_seq": 0,
            "truncated": False}


@sio.event
async def send_message(sid, payload):
    payload = payload or {}
    room = str(payload.get("room", "")).strip().lower()
    text = payload.get("text")
    if room not in sio.rooms(sid):
        return error("not_in_room", "Join the room first")
    if not isinstance(text, str) or not text.strip():
        return error("empty_message", "Empty message")
    seq = next(sequence)
    message = {"room": room, "seq": seq, "id": "m_%d" % seq, "user_id": "u_" + sid[:8],
               "handle": "Bench Peer", "text": text,
               "ts": datetime.now(timezone.utc).isoformat(timespec="milliseconds")}
    if isinstance(payload.get("client_id"), str):
        message["client_id"] = payload["client_id"]
    await sio.emit("message", message, room=room)
    return {"ok": True, "message": message}


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8002
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", backlog=2048)
