#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class SocketIoClient;

/**
 * Reconnects at once, without waiting for the backoff, when the network comes back or the
 * machine wakes from sleep.
 *
 * Network: QNetworkInformation's reachability (on Linux the "networkmanager" backend, over
 * D-Bus; Qt 6.4 has no other there). When no backend loads (no NetworkManager, no D-Bus,
 * a container) only the wake detection works and the backoff does the rest.
 * Wake: Linux's monotonic clock, which QTimer and QElapsedTimer use, stops during suspend
 * while the wall clock does not; a wall-clock jump of more than WakeToleranceMs over the
 * monotonic time between two checks means the machine slept.
 */
class ConnectivityMonitor : public QObject
{
    Q_OBJECT

public:
    /// How often the clocks are compared, in milliseconds.
    static constexpr int WakeCheckIntervalMs = 5000;
    /// Wall-clock time beyond the monotonic time that counts as a sleep, in milliseconds.
    static constexpr qint64 WakeToleranceMs = 10000;

    /// @param connection reconnected when connectivity returns; not owned, must outlive this.
    explicit ConnectivityMonitor(SocketIoClient* connection, QObject* parent = nullptr);

    /**
     * Loads the platform's network information backend and starts the wake checks.
     * @return the backend's name, or an empty string when none could be loaded.
     */
    QString start();

    /**
     * True when, between two checks, the wall clock advanced @p wallElapsedMs while the
     * monotonic clock advanced @p monotonicElapsedMs, i.e. the machine slept in between.
     */
    static bool sleptBetween(qint64 wallElapsedMs, qint64 monotonicElapsedMs);

    /// The network became reachable: reconnect now if waiting to reconnect.
    void onNetworkRestored();
    /// The machine woke up: the connection may be dead without knowing it; reconnect now.
    void onWokeUp();

Q_SIGNALS:
    /// A reconnection was started because of @p reason ("network" or "wake").
    void reconnectTriggered(const QString& reason);

private:
    void onWakeCheck();

    SocketIoClient* m_connection;
    bool m_wasOnline = true;
    QTimer m_wakeTimer;
    QElapsedTimer m_monotonic;
    qint64 m_lastWallMs = 0;
};
