#pragma once

#include "httpconnection.h"

#include <QList>
#include <QPointer>
#include <QTcpServer>

class PollingLink;

/**
 * HttpConnections over loopback without the front door, for unit tests of the HTTP layer
 * and of what answers HttpExchanges (the Engine.IO polling transport): every accepted
 * socket becomes an HttpConnection with the given limits, and each request it reads is
 * recorded until the test answers it (respond() on its connection, or an HttpExchange made
 * from it). The client side is a PollingLink to port().
 */
class HttpLoopback : public QObject
{
    Q_OBJECT

public:
    struct Limits
    {
        int maxHeadBytes = 8192;
        qint64 maxBodyBytes = 65536;
        int idleTimeoutMs = 30000;
    };
    /// A request as its connection handed it over.
    struct Arrived
    {
        QPointer<HttpConnection> connection;
        HttpRequest request;
    };

    explicit HttpLoopback(const Limits& limits);
    HttpLoopback()
        : HttpLoopback(Limits())
    {}

    /// The port on 127.0.0.1; 0 when listening failed.
    quint16 port() const { return m_server.serverPort(); }

    /// Requests read so far, oldest first.
    QList<Arrived> requests;
    /// Connections accepted so far (null once a connection has deleted itself).
    QList<QPointer<HttpConnection>> connections;

    /**
     * An HttpExchange for request @p index (answered through it), with @p extraHeaders;
     * null when that request's connection is gone.
     */
    HttpExchange* exchange(int index, QList<std::pair<QByteArray, QByteArray>> extraHeaders = {});

    /**
     * Sends @p method @p target with @p body on @p link, waits (spinning the event loop) for
     * it to arrive, and returns its exchange; null when it did not arrive within 5 s.
     */
    HttpExchange* exchangeFor(PollingLink& link, const QByteArray& method, const QByteArray& target,
                              const QByteArray& body = {});

private:
    const Limits m_limits;
    QTcpServer m_server;
};
