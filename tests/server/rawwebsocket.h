#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTcpSocket>

/**
 * A WebSocket client written against the bare TCP socket, for tests that must do what
 * QWebSocket never does: send invalid UTF-8 or arbitrary frames, stop reading (a slow
 * consumer), or open thousands of connections cheaply. RFC 6455 framing, client frames
 * masked; server frames are parsed (text, binary, close; ping/pong ignored).
 */
class RawWebSocket : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Upgraded, Refused, Closed };

    explicit RawWebSocket(QObject* parent = nullptr);

    /**
     * Connects to 127.0.0.1:@p port and sends the Engine.IO upgrade request
     * (`GET /socket.io/?EIO=4&transport=websocket`) with @p extraHeaderLines (each
     * "Name: value") appended. Asynchronous: see state() and progressed().
     */
    void start(quint16 port, const QList<QByteArray>& extraHeaderLines = {});
    /// start() and wait until Upgraded (true) or Refused/Closed/timeout (false).
    bool upgrade(quint16 port, const QList<QByteArray>& extraHeaderLines = {},
                 int timeoutMs = 5000);

    /// The request target of start(), by default the Engine.IO one (e.g. "/ws?room=x").
    void setTarget(const QByteArray& target) { m_target = target; }
    /// WebSocket Ping frames received; each is answered with a Pong unless setAnswerPings(false).
    int pingsReceived() const { return m_pings; }
    void setAnswerPings(bool answer) { m_answerPings = answer; }

    State state() const { return m_state; }
    /// Status code of the HTTP answer (101 when upgraded), 0 before it.
    int httpStatus() const { return m_status; }
    /// The whole HTTP answer head (and body, for refusals).
    QByteArray httpAnswer() const { return m_answer; }

    /// Sends one unfragmented frame with @p opcode (1 text, 2 binary, 8 close, ...).
    void sendFrame(quint8 opcode, const QByteArray& payload);
    /// Sends a text frame with @p payload as is (it need not be valid UTF-8).
    void sendText(const QByteArray& payload) { sendFrame(0x1, payload); }

    /**
     * Stops consuming incoming bytes: the socket's read buffer is capped at a few bytes
     * and nothing is read, so the kernel buffers fill up and the server sees a reader
     * that never reads.
     */
    void stopReading();

    /// Text frames received, in order (those kept: see setKeepTexts()).
    const QList<QByteArray>& texts() const { return m_texts; }
    /// Whether received text frames are kept in texts() (default true); counted anyway.
    void setKeepTexts(bool keep) { m_keepTexts = keep; }
    /// Text frames received so far whose payload starts with @p prefix, kept or not.
    qsizetype countStartingWith(const QByteArray& prefix) const { return m_counts.value(prefix); }
    /// Counts text frames starting with @p prefix from now on (see countStartingWith()).
    void countFramesStartingWith(const QByteArray& prefix) { m_counts.insert(prefix, 0); }
    /// Waits until a received text frame starts with @p prefix; false on timeout.
    bool waitForTextStartingWith(const QByteArray& prefix, int timeoutMs = 5000);
    /// Close code of the server's close frame; 0 when none arrived (or none yet).
    int closeCode() const { return m_closeCode; }
    /// Waits until the TCP connection is gone.
    bool waitForDisconnected(int timeoutMs = 5000);
    /// Drops the TCP connection.
    void abort() { m_socket.abort(); }
    QTcpSocket* socket() { return &m_socket; }

Q_SIGNALS:
    /// The state changed or a frame arrived.
    void progressed();

private:
    void onReadyRead();
    void parseFrames();

    QTcpSocket m_socket;
    State m_state = State::Idle;
    QByteArray m_request;
    QByteArray m_answer;
    QByteArray m_buffer;
    int m_status = 0;
    int m_closeCode = 0;
    QByteArray m_target = "/socket.io/?EIO=4&transport=websocket";
    int m_pings = 0;
    bool m_answerPings = true;
    bool m_reading = true;
    QList<QByteArray> m_texts;
    bool m_keepTexts = true;
    QHash<QByteArray, qsizetype> m_counts;
};
