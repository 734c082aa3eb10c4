// TypingRelay: our typing goes out only in joined rooms, others' is tracked, our own
// user's and foreign rooms' events are ignored, leave/reset forget.
#include "fakelink.h"
#include "socketioclient.h"
#include "typingrelay.h"

#include <QSignalSpy>
#include <QTest>

namespace {

QJsonObject typingEvent(const QString& room, const char* user, bool typing)
{
    const QString userId = QString::fromLatin1(user);
    return QJsonObject{{QStringLiteral("room"), room},
                       {QStringLiteral("user_id"), userId},
                       {QStringLiteral("handle"), userId.toUpper()},
                       {QStringLiteral("typing"), typing}};
}

int typingSent(const FakeSocketIoServer& server)
{
    return int(server.payloadsOf(QStringLiteral("typing")).size());
}

} // namespace

class TestTypingRelay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bothDirections();
};

void TestTypingRelay::bothDirections()
{
    FakeLink link;
    QVERIFY(link.connect());
    FakeSocketIoServer& server = link.server;
    bool joined = false;
    TypingRelay relay(&link.connection, [&joined](const QString& room) {
        return joined && room == QLatin1String("lobby");
    });
    relay.setOwnUserId(QStringLiteral("u_me"));
    QSignalSpy changed(&relay, &TypingRelay::typingChanged);

    relay.setTyping(QStringLiteral("lobby"), true); // not joined: nothing
    joined = true;
    relay.setTyping(QStringLiteral("lobby"), true);
    relay.setTyping(QStringLiteral("lobby"), false);
    QTRY_COMPARE(typingSent(server), 2); // true, then false

    server.emitToAll(QStringLiteral("typing"), typingEvent(QStringLiteral("dev"), "u_b", true));
    server.emitToAll(QStringLiteral("typing"), typingEvent(QStringLiteral("lobby"), "u_me", true));
    server.emitToAll(QStringLiteral("typing"), typingEvent(QStringLiteral("lobby"), "u_b", true));
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(relay.typing(QStringLiteral("lobby")).size(), 1);
    QCOMPARE(relay.typing(QStringLiteral("lobby")).first().userId, QStringLiteral("u_b"));
    QVERIFY(relay.typing(QStringLiteral("dev")).isEmpty());
    relay.remove(QStringLiteral("lobby"), QStringLiteral("u_b"));
    QVERIFY(relay.typing(QStringLiteral("lobby")).isEmpty());
    server.emitToAll(QStringLiteral("typing"), typingEvent(QStringLiteral("lobby"), "u_c", true));
    QTRY_COMPARE(relay.typing(QStringLiteral("lobby")).size(), 1);
    relay.reset();
    QVERIFY(relay.typing(QStringLiteral("lobby")).isEmpty());
}

QTEST_GUILESS_MAIN(TestTypingRelay)
#include "tst_typingrelay.moc"
