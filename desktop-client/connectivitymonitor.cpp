#include "connectivitymonitor.h"

#include "clientlogging.h"
#include "socketioclient.h"

#include <QDateTime>
#include <QNetworkInformation>

ConnectivityMonitor::ConnectivityMonitor(SocketIoClient* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_wakeTimer.setInterval(WakeCheckIntervalMs);
    connect(&m_wakeTimer, &QTimer::timeout, this, &ConnectivityMonitor::onWakeCheck);
}

QString ConnectivityMonitor::start()
{
    m_monotonic.start();
    m_lastWallMs = QDateTime::currentMSecsSinceEpoch();
    m_wakeTimer.start();

    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcClientNet) << "no network information backend; reconnecting on backoff only";
        return {};
    }
    QNetworkInformation* info = QNetworkInformation::instance();
    m_wasOnline = info->reachability() == QNetworkInformation::Reachability::Online ||
                  info->reachability() == QNetworkInformation::Reachability::Unknown;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                const bool online = reachability == QNetworkInformation::Reachability::Online;
                if (online && !m_wasOnline)
                    onNetworkRestored();
                m_wasOnline = online;
            });
    qCInfo(lcClientNet) << "network information backend" << info->backendName();
    return info->backendName();
}

bool ConnectivityMonitor::sleptBetween(qint64 wallElapsedMs, qint64 monotonicElapsedMs)
{
    return wallElapsedMs - monotonicElapsedMs > WakeToleranceMs;
}

void ConnectivityMonitor::onNetworkRestored()
{
    if (m_connection->state() != SocketIoClient::State::Reconnecting)
        return;
    qCInfo(lcClientNet) << "network is back; reconnecting now";
    m_connection->reconnectNow();
    Q_EMIT reconnectTriggered(QStringLiteral("network"));
}

void ConnectivityMonitor::onWokeUp()
{
    if (m_connection->state() == SocketIoClient::State::Offline)
        return; // closed on purpose
    qCInfo(lcClientNet) << "woke from sleep; reconnecting now";
    m_connection->reconnectNow();
    Q_EMIT reconnectTriggered(QStringLiteral("wake"));
}

void ConnectivityMonitor::onWakeCheck()
{
    const qint64 monotonic = m_monotonic.restart();
    const qint64 wall = QDateTime::currentMSecsSinceEpoch();
    const qint64 wallElapsed = wall - m_lastWallMs;
    m_lastWallMs = wall;
    if (sleptBetween(wallElapsed, monotonic))
        onWokeUp();
}
