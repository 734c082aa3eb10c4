#pragma once

#include <QTcpServer>

class AdminApi;
class QTcpSocket;

/**
 * The admin API's own listening socket (--admin-listen): reads one HTTP/1.1 request per
 * connection (head, then a body of Content-Length bytes), answers it through AdminApi and
 * closes. Bounded: a head over 8 KiB gets 431, a body over 64 KiB 413, a request not
 * complete within 10 s is dropped.
 */
class AdminServer : public QTcpServer
{
    Q_OBJECT

public:
    static constexpr int MaxHeadBytes = 8192;
    static constexpr int MaxBodyBytes = 64 * 1024;
    static constexpr int RequestTimeoutMs = 10000;

    /// @param api answers requests; must outlive the server.
    explicit AdminServer(AdminApi* api, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onReadyRead(QTcpSocket* socket);

    AdminApi* m_api;
};
