#include "connectivitymonitor.h"
#include "socketioclient.h"

#include <QNetworkInformation>
#include <QSignalSpy>
#include <QTest>

class TestConnectivityMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detectsSleepFromTheClocks();
    void leavesAClosedConnectionAlone();
    void startsWithOrWithoutABackend();
};

void TestConnectivityMonitor::detectsSleepFromTheClocks()
{
    QVERIFY(!ConnectivityMonitor::sleptBetween(5000, 5000));
    QVERIFY(!ConnectivityMonitor::sleptBetween(5200, 5000));          // timer jitter
    QVERIFY(ConnectivityMonitor::sleptBetween(5000 + 3600000, 5000)); // an hour asleep
    QVERIFY(!ConnectivityMonitor::sleptBetween(4000, 5000));          // wall clock set back
}

void TestConnectivityMonitor::leavesAClosedConnectionAlone()
{
    SocketIoClient connection; // Offline: the user closed it, nothing to resume
    ConnectivityMonitor monitor(&connection);
    QSignalSpy triggered(&monitor, &ConnectivityMonitor::reconnectTriggered);
    monitor.onWokeUp();
    monitor.onNetworkRestored();
    QCOMPARE(triggered.count(), 0);
    QCOMPARE(connection.state(), SocketIoClient::State::Offline);
}

void TestConnectivityMonitor::startsWithOrWithoutABackend()
{
    // In CI there is usually no NetworkManager on D-Bus: start() must degrade, not fail.
    SocketIoClient connection;
    ConnectivityMonitor monitor(&connection);
    QSignalSpy triggered(&monitor, &ConnectivityMonitor::reconnectTriggered);
    const QString backend = monitor.start();
    qInfo("network information backend: %s", backend.isEmpty() ? "none" : qPrintable(backend));
    // The name it reports is the backend that is loaded, or empty when none could be.
    QNetworkInformation* info = QNetworkInformation::instance();
    if (backend.isEmpty()) {
        QVERIFY(info == nullptr);
    } else {
        QVERIFY(info != nullptr);
        QCOMPARE(info->backendName(), backend);
        QVERIFY(QNetworkInformation::availableBackends().contains(backend));
    }
    // Starting reconnects nothing: the connection was closed by the user.
    QCOMPARE(triggered.count(), 0);
    QCOMPARE(connection.state(), SocketIoClient::State::Offline);
}

QTEST_GUILESS_MAIN(TestConnectivityMonitor)
#include "tst_connectivitymonitor.moc"
