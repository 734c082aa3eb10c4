#include "pollingsessions.h"

#include "engineiologging.h"
#include "httpconnection.h"
#include "httprequest.h"
#include "pollingconnection.h"
#include "randomid.h"

PollingSessions::PollingSessions(const ConnectionLimits& limits, Adopter adopt, QObject* parent)
    : QObject(parent)
    , m_limits(limits)
    , m_adopt(std::move(adopt))
{}

PollingSessions::~PollingSessions() = default;

EngineIoRequestCheck::SessionState PollingSessions::state(const QString& sid) const
{
    using State = EngineIoRequestCheck::SessionState;
    const PollingConnection* connection = m_sessions.value(sid);
    if (!connection)
        return State::Unknown;
    switch (connection->state()) {
    case PollingConnection::State::Polling:
        return State::Polling;
    case PollingConnection::State::Upgrading:
        return State::Upgrading;
    case PollingConnection::State::Upgraded:
        return State::Upgraded;
    case PollingConnection::State::Closed:
        break;
    }
    return State::Unknown;
}

QObject* PollingSessions::handle(HttpExchange* exchange)
{
    const QString sid = exchange->request().queryValue(QStringLiteral("sid"));
    if (!sid.isEmpty()) {
        PollingConnection* connection = m_sessions.value(sid);
        if (!connection || connection->state() == PollingConnection::State::Closed) {
            exchange->respond(EngineIoRequestCheck::error(1, "Session ID unknown"));
            return nullptr;
        }
        if (exchange->request().method == "POST")
            connection->post(exchange);
        else
            connection->poll(exchange);
        return nullptr;
    }

    // Engine.IO's sid: 20 characters of [0-9A-Za-z], as EngineIoSession makes them.
    const QString id = RandomId::generate(QString(), 20);
    auto* connection = new PollingConnection(id, exchange->peerAddress(), m_limits);
    m_sessions.insert(id, connection);
    connect(connection, &PollingConnection::upgraded, this, &PollingSessions::sessionUpgraded);
    // Queued after the connection's own report, so it has its final state.
    connect(connection, &ClientConnection::disconnected, this, [this, id, connection] {
        m_sessions.remove(id);
        Q_EMIT sessionClosed(!connection->wasUpgraded());
    });
    QPointer<PollingConnection> guard(connection);
    m_adopt(connection); // the open packet is queued now, unless the server is shutting down
    if (!guard) {
        m_sessions.remove(id);
        exchange->respond(
            HttpResponse::error(503, "server_busy", "The server is shutting down", 5));
        return nullptr;
    }
    qCDebug(lcEngineIo) << "polling session" << id << "opened";
    Q_EMIT sessionOpened();
    connection->poll(exchange);
    return connection;
}

void PollingSessions::upgrade(const QString& sid, ClientConnection* webSocket)
{
    PollingConnection* connection = m_sessions.value(sid);
    if (!connection) {
        webSocket->abort();
        webSocket->deleteLater();
        return;
    }
    connection->upgradeTo(webSocket);
}

int PollingSessions::pollingCount() const
{
    int count = 0;
    for (const QPointer<PollingConnection>& connection : m_sessions) {
        if (connection && connection->state() != PollingConnection::State::Upgraded)
            ++count;
    }
    return count;
}
