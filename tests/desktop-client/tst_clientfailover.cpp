// Failover across two in-process chat servers sharing one token secret (the nodes of a
// cluster, issue 16): the first is killed, the client lands on the second with the same
// identity, rejoins its room and sends there.
#include "chatclient.h"
#include "chatserver.h"
#include "clientsession.h"
#include "joinedroomsmodel.h"
#include "messagelistmodel.h"
#include "reconnectbackoff.h"
#include "uiharness.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestClientFailover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void landsOnTheNextNodeAndRejoins();
};

void TestClientFailover::landsOnTheNextNodeAndRejoins()
{
    QTemporaryDir dir;
    // The same data directory: the same token secret, as --token-secret-file gives nodes.
    const QString data = dir.filePath(QStringLiteral("server"));
    auto first = startTestServer(data, 0);
    auto second = startTestServer(data, 0);
    QVERIFY(first && second);
    const QString secondUrl = QStringLiteral("ws://127.0.0.1:%1").arg(second->port());

    SocketIoClient connection;
    connection.setBackoff(ReconnectBackoff(50, 200, 0.0));
    ChatClient client(&connection);
    client.clientSession()->setServerUrls(
        {QStringLiteral("ws://127.0.0.1:%1").arg(first->port()), secondUrl});
    QSignalSpy sessions(&client, &ChatClient::sessionStarted);
    QSignalSpy joined(&client, &ChatClient::roomJoined);
    client.joinRoom(QStringLiteral("lobby"));
    connection.open();
    QTRY_COMPARE(joined.size(), 1);
    const SessionInfo before = client.session();
    MessageListModel* model = client.messages(QStringLiteral("lobby"));
    QVERIFY(client.sendMessage(QStringLiteral("lobby"), QStringLiteral("on the first node")));
    QTRY_COMPARE(model->lastSeq(), 1);

    first.reset(); // the node dies
    QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 2, 10000);
    QCOMPARE(client.clientSession()->currentServerUrl(), secondUrl);
    QCOMPARE(sessions.size(), 2);
    QVERIFY(client.session().resumed);
    QCOMPARE(client.session().userId, before.userId);
    QVERIFY(client.joinedRooms()->index(0).data(JoinedRoomsModel::JoinedRole).toBool());

    // Sending goes on, on the second node; another client there sees it.
    QVERIFY(client.sendMessage(QStringLiteral("lobby"), QStringLiteral("on the second node")));
    TestPeer other(second->port());
    QVERIFY(other.join(QStringLiteral("lobby")));
    const MessageListModel* seen = other.client.messages(QStringLiteral("lobby"));
    QTRY_VERIFY(seen->rowCount() >= 1);
    bool found = false;
    for (int row = 0; row < seen->rowCount(); ++row) {
        found = found ||
                (seen->index(row).data(MessageListModel::TextRole).toString() ==
                     QStringLiteral("on the second node") &&
                 seen->index(row).data(MessageListModel::UserIdRole).toString() == before.userId);
    }
    QVERIFY(found);
}

QTEST_MAIN(TestClientFailover)
#include "tst_clientfailover.moc"
