#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>

class HttpExchange;
class QTcpSocket;
class QTimer;

/**
 * One keep-alive HTTP/1.1 connection of the front door (RFC 9112 §9.3, "Persistence"):
 * reads one request at a time, head and Content-Length body, hands it to the request
 * handler, and after the answer (respond(), maybe much later: a held Engine.IO polling GET)
 * reads the next one. Requests a client pipelines wait their turn in the buffer.
 *
 * Limits: a head over maxHeadBytes gets 431, a malformed head 400, a `Transfer-Encoding`
 * (chunked bodies are not read) 411, and each closes the connection. A body over
 * maxBodyBytes is not read: the request goes to the handler with HttpRequest::bodyTooLarge
 * and the connection closes after the answer. While no request is being answered, the
 * client has idleTimeoutMs to complete its next request; then the connection is closed.
 * The connection closes after an answer when the client asked for it (`Connection: close`,
 * or HTTP/1.0 without `Connection: keep-alive`).
 *
 * Deletes itself (deleteLater) once the socket is gone; closed() is emitted first.
 */
class HttpConnection : public QObject
{
    Q_OBJECT

public:
    /// Receives each complete request; the connection waits until respond() is called.
    using RequestHandler = std::function<void(HttpConnection* connection, HttpRequest&& request)>;

    /**
     * @param socket        a connected socket (plain or TLS, encrypted already), taken over
     *                      (reparented); bytes it has buffered are read as the first request.
     * @param maxHeadBytes  largest request head, bytes.
     * @param maxBodyBytes  largest body that is read, bytes.
     * @param idleTimeoutMs time to complete the next request, ms.
     */
    HttpConnection(QTcpSocket* socket, int maxHeadBytes, qint64 maxBodyBytes, int idleTimeoutMs,
                   RequestHandler handler, QObject* parent = nullptr);
    ~HttpConnection() override;

    /**
     * Reads @p alreadyRead (bytes taken from the descriptor before the socket existed),
     * then what has arrived; call once, after connecting to the signals.
     */
    void start(const QByteArray& alreadyRead = {});
    /**
     * Writes @p response to the request being answered, then reads the next request (or
     * closes, see the class comment). Does nothing when no request awaits an answer.
     */
    void respond(const HttpResponse& response);
    /// Drops the connection at once.
    void abort();

    /// The client's address (log it at debug level only).
    QHostAddress peerAddress() const { return m_peer; }
    /// A request awaits its answer.
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    /// isBusy() changed: a request arrived (true) or was answered (false).
    void busyChanged(bool busy);
    /// The socket is gone; emitted once, then the object deletes itself.
    void closed();

private:
    void onReadyRead();
    void readRequests();
    void fail(const HttpResponse& response);
    void armIdleTimer();

    QTcpSocket* const m_socket;
    const int m_maxHeadBytes;
    const qint64 m_maxBodyBytes;
    const int m_idleTimeoutMs;
    RequestHandler m_handler;
    QHostAddress m_peer;
    QByteArray m_buffer;
    QTimer* m_idle;
    bool m_busy = false;
    bool m_closeAfterAnswer = false;
    bool m_closed = false;
};

/**
 * A request whose answer comes later (an Engine.IO polling GET held until a packet is
 * queued): the request, and respond() to answer it once. Made by the front door for a
 * Route::Kind::Exchange request and handed to its exchange handler; a child of the
 * HttpConnection, deleted after respond() or when the connection goes away (aborted() is
 * emitted then): hold it in a QPointer.
 */
class HttpExchange : public QObject
{
    Q_OBJECT

public:
    /**
     * @p extraHeaders are added to the answer (e.g. CORS headers for the request's Origin);
     * @p client is the client's address (forwarded by a trusted proxy, or the TCP peer).
     */
    HttpExchange(HttpConnection* connection, HttpRequest request,
                 QList<std::pair<QByteArray, QByteArray>> extraHeaders, QHostAddress client);

    const HttpRequest& request() const { return m_request; }
    /// The client's address as given to the constructor (log it at debug level only).
    QHostAddress peerAddress() const { return m_client; }
    /// Answers the request (once; later calls do nothing); the exchange is deleted soon after.
    void respond(HttpResponse response);
    /// Drops the HTTP connection at once, without an answer.
    void abort();

Q_SIGNALS:
    /// The connection went away before respond(); the exchange is deleted soon after.
    void aborted();

private:
    QPointer<HttpConnection> m_connection;
    HttpRequest m_request;
    QList<std::pair<QByteArray, QByteArray>> m_extraHeaders;
    QHostAddress m_client;
    bool m_answered = false;
};
