// Benchmark peer: what a user would write with Node socket.io 4.8 for the chat's hot path.
// join_room and send_message with the same event and ack shapes as chat-server
// (docs/protocol.md), so that chat-bench drives it unchanged. No history, no presence.
//   node server.mjs PORT
import { createServer } from "node:http";
import { Server } from "socket.io";

const port = Number(process.argv[2] ?? 8001);
const httpServer = createServer((request, response) => response.writeHead(404).end());
const io = new Server(httpServer, {
  // Both of socket.io's transports: the polling scenario drives its long-polling.
  transports: ["polling", "websocket"],
  serveClient: false,
  perMessageDeflate: false,
  maxHttpBufferSize: 65536,
});

const roomPattern = /^[\p{L}\p{Nd}_.-]{1,64}$/u;
let seq = 0;

function error(code, message) {
  return { ok: false, error: { code, message } };
}

io.on("connection", (socket) => {
  const userId = `u_${socket.id.slice(0, 8)}`;
  socket.emit("session", { user_id: userId, handle: "Bench Peer", token: "", resumed: false });

  socket.on("join_room", (payload, ack) => {
    const room = String(payload?.room ?? "").trim().toLowerCase();
    if (!roomPattern.test(room)) {
      if (typeof ack === "function") ack(error("invalid_room", "Invalid room name"));
      return;
    }
    socket.join(room);
    if (typeof ack === "function")
      ack({ ok: true, room, members: [], history: [], last_seq: 0, truncated: false });
  });

  socket.on("send_message", (payload, ack) => {
    const room = String(payload?.room ?? "").trim().toLowerCase();
    const text = payload?.text;
    if (!socket.rooms.has(room)) {
      if (typeof ack === "function") ack(error("not_in_room", "Join the room first"));
      return;
    }
    if (typeof text !== "string" || text.trim() === "") {
      if (typeof ack === "function") ack(error("empty_message", "Empty message"));
      return;
    }
    seq += 1;
    const message = {
      room,
      seq,
      id: `m_${seq}`,
      user_id: userId,
      handle: "Bench Peer",
      text,
      ts: new Date().toISOString(),
    };
    if (typeof payload.client_id === "string") message.client_id = payload.client_id;
    io.to(room).emit("message", message);
    if (typeof ack === "function") ack({ ok: true, message });
  });
});

httpServer.listen(port, "127.0.0.1", () =>
  console.error(`node socket.io peer listening on 127.0.0.1:${port}`));
process.on("SIGTERM", () => io.close(() => process.exit(0)));
