#include "serverendpoint.h"

#include <QTest>

class TestServerEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromAddress_data();
    void fromAddress();
};

void TestServerEndpoint::fromAddress_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    const QString tail = QStringLiteral("/socket.io/?EIO=4&transport=websocket");
    QTest::newRow("ws") << "ws://localhost:8000" << QStringLiteral("ws://localhost:8000") + tail;
    QTest::newRow("ws, trailing slash")
        << "ws://localhost:8000/" << QStringLiteral("ws://localhost:8000") + tail;
    QTest::newRow("wss") << "wss://chat.example.org"
                         << QStringLiteral("wss://chat.example.org") + tail;
    QTest::newRow("http") << "http://127.0.0.1:9000"
                          << QStringLiteral("ws://127.0.0.1:9000") + tail;
    QTest::newRow("https") << "HTTPS://chat.example.org"
                           << QStringLiteral("wss://chat.example.org") + tail;
    QTest::newRow("bare host:port")
        << " localhost:8000 " << QStringLiteral("ws://localhost:8000") + tail;
    QTest::newRow("ftp") << "ftp://example.org" << QString();
    QTest::newRow("empty") << "" << QString();
    QTest::newRow("no host") << "ws://" << QString();
}

void TestServerEndpoint::fromAddress()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const QUrl url = ServerEndpoint::fromAddress(input);
    if (expected.isEmpty())
        QVERIFY(!url.isValid());
    else
        QCOMPARE(url.toString(), expected);
}

QTEST_GUILESS_MAIN(TestServerEndpoint)
#include "tst_serverendpoint.moc"
