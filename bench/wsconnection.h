#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/**
 * One client WebSocket as chat-bench drives it: the socket, its buffers and where it is in
 * the Engine.IO/Socket.IO handshake. Frame encoding and decoding (RFC 6455) only; I/O and
 * protocol steps live in LoadLoop.
 */
struct WsConnection
{
    enum class State {
        Connecting,
        Upgrading,
        WaitingOpen,
        WaitingConnect,
        Joining,
        Joined,
        Closed
    };
    enum class Parse { Frame, NeedMore, Error };

    int fd = -1;
    int index = 0; ///< position in LoadLoop's list
    int room = 0;  ///< joins room "r<room>"
    State state = State::Connecting;
    std::string in;       ///< received bytes not parsed yet
    std::string out;      ///< bytes not written yet
    std::string fragment; ///< a fragmented message being reassembled
    bool flushQueued = false;
    bool writeArmed = false;
    int64_t nextAckId = 1; ///< 0 is the join_room request's
    int64_t openedNs = 0;

    /**
     * Appends one text frame carrying @p payload. Client frames must be masked; the key is
     * all zero, which RFC 6455 allows (any 32-bit key), so masking costs nothing here.
     */
    void queueText(std::string_view payload);
    /// Appends a pong answering a WebSocket ping.
    void queuePong(std::string_view payload);

    /**
     * Decodes the frame at @p data (server frames are unmasked).
     * @param consumed bytes the frame took, when Frame is returned
     * @param opcode   its opcode; @param fin its FIN bit; @param payload a view into @p data
     */
    static Parse parseFrame(std::string_view data, size_t* consumed, int* opcode, bool* fin,
                            std::string_view* payload);
};
