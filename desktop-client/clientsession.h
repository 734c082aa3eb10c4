#pragma once

#include "chaterror.h"
#include "sessioninfo.h"
#include "socketioclient.h"

#include <QObject>
#include <QString>
#include <QStringList>

/**
 * The connection state machine of the chat session on top of a SocketIoClient: offline,
 * connecting, connected-but-waiting-for-`session`, ready (requests may be sent), and back
 * through reconnecting when the link drops.
 *
 * Identity: the `session` event's token is kept and sent back in CONNECT on every
 * reconnection, so the same user_id and handle resume (shared protocol, "Identity").
 * A `notice` "shutting_down" with retry_after_ms delays the next reconnection by that much
 * (at most a minute) instead of the backoff (shared protocol, "notice"). Server `error`
 * events are parsed and passed on.
 *
 * Failover (issue 16): with several server addresses (setServerUrls(), e.g. the nodes of a
 * cluster sharing --token-secret-file), each reconnection attempt goes to the next address
 * in turn, so a node that is gone is left for the next one; the token resumes the identity
 * there and RoomRejoiner's `since` recovers the rooms.
 */
class ClientSession : public QObject
{
    Q_OBJECT

public:
    /// The longest retry_after_ms of a shutdown notice that is honoured, in milliseconds.
    static constexpr int MaxShutdownDelayMs = 60000;

    /**
     * @param connection the transport; not owned, must outlive this object. Its state
     *                   changes and events drive the session.
     */
    explicit ClientSession(SocketIoClient* connection, QObject* parent = nullptr);
    ~ClientSession() override;

    SocketIoClient* connection() const { return m_connection; }

    /// The current identity; empty before the first `session` event.
    SessionInfo session() const { return m_session; }

    /// True while connected and this connection's `session` has arrived.
    bool isReady() const { return m_ready; }

    /**
     * Sets the token to resume an earlier identity with (e.g. from ClientSettings); sent in
     * the next CONNECT. An empty token asks for a new identity.
     */
    void setResumeToken(const QString& token);

    /**
     * Sets the addresses to connect to (any form ServerEndpoint::fromAddress() accepts),
     * in order of preference; the first is used by the next open(), the next one after
     * each lost connection or failed attempt, wrapping around. Empty entries are skipped;
     * an empty list leaves the connection's address alone.
     */
    void setServerUrls(const QStringList& urls);
    QStringList serverUrls() const { return m_urls; }
    /// The address the connection uses now (or tries next).
    QString currentServerUrl() const { return m_connection->serverUrl(); }

Q_SIGNALS:
    /// A `session` arrived on a new connection: new identity, or the old one (info.resumed).
    void started(const SessionInfo& info);
    /// The connection was connected and is not any more (dropped, closed, or reconnecting);
    /// every request in flight is answered with acked=false.
    void connectionLost();
    /// The server sent `notice` (e.g. code "shutting_down").
    void noticeReceived(const QString& code, const QString& message);
    /// The server sent an `error` event.
    void serverErrorReceived(const ChatError& error);

private:
    void onStateChanged(SocketIoClient::State state);
    void onEventReceived(const QString& name, const QJsonValue& argument);
    void handleSession(const QJsonObject& payload);
    void handleNotice(const QJsonObject& payload);

    SocketIoClient* m_connection;
    SessionInfo m_session;
    QStringList m_urls;
    int m_urlIndex = 0;
    bool m_connected = false; // the connection's state is Connected
    bool m_ready = false;
};
