#pragma once

#include "connectionlimits.h"
#include "engineiorequestcheck.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class ClientConnection;
class HttpExchange;
class PollingConnection;

/**
 * The Engine.IO sessions that started on HTTP long-polling, by sid: opens them (a handshake
 * GET), hands each request with a sid to its PollingConnection, and gives a session the
 * WebSocket of its upgrade. A session leaves the registry when its connection reports
 * disconnected(); an upgraded one stays (so that a late polling request gets 400
 * "Bad request", not "Session ID unknown").
 */
class PollingSessions : public QObject
{
    Q_OBJECT

public:
    /// Takes a new session's connection (e.g. Gateway::adoptSocketIo()); may delete it.
    using Adopter = std::function<void(ClientConnection* connection)>;

    /// @param limits the limits of every PollingConnection (see there).
    PollingSessions(const ConnectionLimits& limits, Adopter adopt, QObject* parent = nullptr);
    ~PollingSessions() override;

    /// What @p sid names (EngineIoRequestCheck::SessionLookup).
    EngineIoRequestCheck::SessionState state(const QString& sid) const;
    /**
     * Handles a request routed as EngineIoRequestCheck::Kind::PollingHandshake or Polling.
     * A handshake opens a session, adopts its connection and answers with the open packet.
     * @return the new session's connection (it holds the session's admission), or null.
     */
    QObject* handle(HttpExchange* exchange);
    /**
     * Gives the WebSocket of an upgrade request with @p sid (ownership is taken) to its
     * session; dropped when the session cannot take it.
     */
    void upgrade(const QString& sid, ClientConnection* webSocket);

    /// Sessions currently on polling (not upgraded).
    int pollingCount() const;

Q_SIGNALS:
    /// A session opened on polling.
    void sessionOpened();
    /// A session moved to its WebSocket.
    void sessionUpgraded();
    /// A session ended; @p onPolling: it had not upgraded.
    void sessionClosed(bool onPolling);

private:
    const ConnectionLimits m_limits;
    Adopter m_adopt;
    QHash<QString, QPointer<PollingConnection>> m_sessions;
};
