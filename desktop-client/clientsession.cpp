#include "clientsession.h"

#include "clientlogging.h"
#include "protocolevents.h"

#include <QJsonObject>

#include <algorithm>
#include <utility>

ClientSession::ClientSession(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{
    connect(m_connection, &SocketIoClient::stateChanged, this, &ClientSession::onStateChanged);
    connect(m_connection, &SocketIoClient::eventReceived, this, &ClientSession::onEventReceived);
}

ClientSession::~ClientSession() = default;

void ClientSession::setResumeToken(const QString& token)
{
    m_connection->setAuthToken(token);
}

void ClientSession::setServerUrls(const QStringList& urls)
{
    m_urls.clear();
    for (const QString& url : urls) {
        if (!url.trimmed().isEmpty())
            m_urls.append(url.trimmed());
    }
    m_urlIndex = 0;
    if (!m_urls.isEmpty())
        m_connection->setServerUrl(m_urls.constFirst());
}

void ClientSession::onStateChanged(SocketIoClient::State state)
{
    if (state == SocketIoClient::State::Reconnecting && m_urls.size() > 1) {
        // The node may be gone: the next attempt goes to the next one.
        m_urlIndex = (m_urlIndex + 1) % int(m_urls.size());
        m_connection->setServerUrl(m_urls.at(m_urlIndex));
        qCInfo(lcClientSession) << "next attempt on server" << m_urlIndex + 1 << "of"
                                << m_urls.size();
    }
    const bool wasConnected = std::exchange(m_connected, state == SocketIoClient::State::Connected);
    if (m_connected || !wasConnected)
        return; // requests wait for `session`, which follows CONNECT
    m_ready = false;
    Q_EMIT connectionLost();
}

void ClientSession::onEventReceived(const QString& name, const QJsonValue& argument)
{
    const QJsonObject payload = argument.toObject();
    if (name == ProtocolEvents::Session) {
        handleSession(payload);
    } else if (name == ProtocolEvents::Notice) {
        handleNotice(payload);
    } else if (name == ProtocolEvents::Error) {
        ChatError error;
        if (ChatError::fromJson(payload, &error)) {
            qCWarning(lcClientSession) << "server error" << ChatError::codeName(error.code);
            Q_EMIT serverErrorReceived(error);
        }
    }
}

void ClientSession::handleSession(const QJsonObject& payload)
{
    SessionInfo info;
    if (!SessionInfo::fromJson(payload, &info)) {
        qCWarning(lcClientSession) << "malformed session event";
        return;
    }
    qCInfo(lcClientSession) << (info.resumed ? "identity resumed" : "new identity") << info.userId;
    m_session = info;
    m_connection->setAuthToken(info.token);
    m_ready = true;
    Q_EMIT started(info);
}

void ClientSession::handleNotice(const QJsonObject& payload)
{
    const QString code = payload.value(QLatin1String("code")).toString();
    const QString message = payload.value(QLatin1String("message")).toString();
    const qint64 retryAfterMs = payload.value(QLatin1String("retry_after_ms")).toInteger(-1);
    qCInfo(lcClientSession) << "notice" << code << "retry after" << retryAfterMs << "ms";
    if (code == QLatin1String("shutting_down") && retryAfterMs >= 0)
        m_connection->deferNextReconnect(int(std::min<qint64>(retryAfterMs, MaxShutdownDelayMs)));
    Q_EMIT noticeReceived(code, message);
}
