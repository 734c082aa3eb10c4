#pragma once

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QSslSocket>

#include <optional>

/**
 * One keep-alive HTTP/1.1 connection to the chat port, written by hand, for the Engine.IO
 * polling tests: requests go out as given, answers are read by Content-Length and queued.
 * Waits spin the event loop (the server runs in the same thread): no blocking waits.
 */
class PollingLink : public QObject
{
    Q_OBJECT

public:
    struct Response
    {
        int status = 0;
        QByteArray head; ///< status line and header lines
        QByteArray body;
        /// Value of header @p name (case-insensitive), or a null QByteArray.
        QByteArray header(const QByteArray& name) const;
    };

    /// Connects to 127.0.0.1:@p port, over TLS trusting @p tls when given.
    explicit PollingLink(quint16 port, const std::optional<QSslConfiguration>& tls = {});

    /// Whether the connection is up (after TLS, encrypted).
    bool waitConnected(int timeoutMs = 5000);
    /**
     * Writes `METHOD target HTTP/1.1` with Host, @p headers (full lines without CRLF), a
     * Content-Length for a non-empty @p body, and the body.
     */
    void send(const QByteArray& method, const QByteArray& target, const QByteArray& body = {},
              const QList<QByteArray>& headers = {});
    /// Writes @p bytes as they are (a request written by hand).
    void sendRaw(const QByteArray& bytes) { m_socket.write(bytes); }
    /// The next complete answer, waiting at most @p timeoutMs; none on timeout.
    std::optional<Response> next(int timeoutMs = 5000);
    /// Whether a complete answer has arrived (without waiting).
    bool hasResponse();
    /// Whether the server closed the connection.
    bool isClosed() const { return m_closed; }

private:
    std::optional<Response> take();

    QSslSocket m_socket;
    QByteArray m_buffer;
    bool m_closed = false;
    bool m_tls = false;
};
