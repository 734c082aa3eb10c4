// RoomDirectory: `list_rooms` answered into the RoomListModel, malformed entries skipped, a
// refusal reported, nothing asked while offline.
#include "chaterror.h"
#include "fakelink.h"
#include "roomdirectory.h"
#include "roomlistmodel.h"
#include "socketioclient.h"
#include "timestamp.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

class TestRoomDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answerFillsTheModel();
    void refusalIsReported();
};

void TestRoomDirectory::answerFillsTheModel()
{
    FakeSocketIoServer server;
    server.handler = [](const QString& name, const QJsonObject&) -> std::optional<QJsonValue> {
        if (name != QLatin1String("list_rooms"))
            return std::nullopt;
        const QString now = Timestamp::format(QDateTime::currentDateTimeUtc());
        return QJsonObject{{QStringLiteral("ok"), true},
                           {QStringLiteral("rooms"),
                            QJsonArray{QJsonObject{{QStringLiteral("room"), QStringLiteral("dev")},
                                                   {QStringLiteral("members"), 2},
                                                   {QStringLiteral("last_activity"), now}},
                                       QJsonObject{{QStringLiteral("room"), 7}}}}};
    };
    QVERIFY(server.listen());
    SocketIoClient connection;
    RoomDirectory directory(&connection);
    directory.refresh(); // offline: nothing asked, nothing crashes
    connection.setServerUrl(server.url());
    connection.open();
    QTRY_COMPARE(connection.state(), SocketIoClient::State::Connected);
    directory.refresh();
    QTRY_COMPARE(directory.rooms()->rowCount(), 1);
    QCOMPARE(directory.rooms()->rooms().first().members, 2);
    directory.start();
    directory.stop();
}

void TestRoomDirectory::refusalIsReported()
{
    FakeLink link;
    link.server.handler = [](const QString&, const QJsonObject&) -> std::optional<QJsonValue> {
        return ChatError{ChatError::Code::RateLimited, QStringLiteral("slow"), 500}.toAck();
    };
    QVERIFY(link.connect());
    RoomDirectory directory(&link.connection);
    QSignalSpy failed(&directory, &RoomDirectory::failed);
    directory.refresh();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().first().value<ChatError>().retryAfterMs, 500);
    QCOMPARE(directory.rooms()->rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestRoomDirectory)
#include "tst_roomdirectory.moc"
