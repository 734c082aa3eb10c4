// PresenceThrottle: join/leave churn of one user in one room reaches the members as at most
// one user_joined (and so one user_joined/user_left pair) per interval, and what they see
// always ends in the user's real state.

#include "presencethrottle.h"

#include <QTest>

namespace {

constexpr int IntervalMs = 150;

struct Published
{
    PresenceEvent::Kind kind;
    QString room;
    QString userId;
    quint64 exceptId;
};

PresenceEvent presence(PresenceEvent::Kind kind, const QString& room, const QString& userId)
{
    return PresenceEvent{kind,
                         room,
                         userId,
                         QStringLiteral("Handle of ") + userId,
                         QDateTime::currentDateTimeUtc(),
                         kind == PresenceEvent::Kind::Left ? QStringLiteral("left") : QString()};
}

} // namespace

class tst_PresenceThrottle : public QObject
{
    Q_OBJECT

private:
    QList<Published> m_published;
    std::unique_ptr<PresenceThrottle> m_throttle;

    void join(const QString& room, const QString& user, quint64 joinerId = 7)
    {
        m_throttle->joined(presence(PresenceEvent::Kind::Joined, room, user), joinerId);
    }
    void leave(const QString& room, const QString& user)
    {
        m_throttle->left(presence(PresenceEvent::Kind::Left, room, user));
    }
    QString kinds() const
    {
        QString out;
        for (const Published& p : m_published)
            out += p.kind == PresenceEvent::Kind::Joined ? QLatin1Char('J') : QLatin1Char('L');
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_published.clear();
        m_throttle = std::make_unique<PresenceThrottle>(
            IntervalMs, [this](const PresenceEvent& e, quint64 exceptId) {
                m_published.append({e.kind, e.room, e.userId, exceptId});
            });
    }

    void aJoinAndALeaveGoOutAtOnce()
    {
        join(QStringLiteral("lobby"), QStringLiteral("u_a"), 42);
        QCOMPARE(kinds(), QStringLiteral("J"));
        QCOMPARE(m_published.at(0).exceptId, quint64(42)); // the joiner needs no announcement
        leave(QStringLiteral("lobby"), QStringLiteral("u_a"));
        QCOMPARE(kinds(), QStringLiteral("JL"));
        QCOMPARE(m_published.at(1).exceptId, quint64(0));
        // Nothing more comes, and nothing stays tracked.
        QTRY_COMPARE(m_throttle->trackedCount(), 0);
        QCOMPARE(kinds(), QStringLiteral("JL"));
    }

    void churnEndingInsideIsAnnouncedOnceAfterTheInterval()
    {
        for (int i = 0; i < 5; ++i) {
            join(QStringLiteral("lobby"), QStringLiteral("u_a"));
            leave(QStringLiteral("lobby"), QStringLiteral("u_a"));
        }
        join(QStringLiteral("lobby"), QStringLiteral("u_a"), 9);
        QCOMPARE(kinds(), QStringLiteral("JL"));      // the rest is held back
        QTRY_COMPARE(kinds(), QStringLiteral("JLJ")); // the final state, once
        QCOMPARE(m_published.last().exceptId, quint64(9));
        // And a leave right after is announced at once (its join was).
        leave(QStringLiteral("lobby"), QStringLiteral("u_a"));
        QCOMPARE(kinds(), QStringLiteral("JLJL"));
    }

    void churnEndingOutsideAnnouncesNothingMore()
    {
        for (int i = 0; i < 5; ++i) {
            join(QStringLiteral("lobby"), QStringLiteral("u_a"));
            leave(QStringLiteral("lobby"), QStringLiteral("u_a"));
        }
        QCOMPARE(kinds(), QStringLiteral("JL"));
        QTRY_COMPARE(m_throttle->trackedCount(), 0);
        QCOMPARE(kinds(), QStringLiteral("JL"));
    }

    void usersAndRoomsAreThrottledApart()
    {
        join(QStringLiteral("lobby"), QStringLiteral("u_a"));
        join(QStringLiteral("lobby"), QStringLiteral("u_b"));
        join(QStringLiteral("help"), QStringLiteral("u_a"));
        QCOMPARE(kinds(), QStringLiteral("JJJ"));
        QCOMPARE(m_throttle->trackedCount(), 3);
    }

    void intervalsArmedAtDifferentTimesEachEnd()
    {
        // u_a's held join goes out when its interval ends, which starts its next interval;
        // u_b's starts after that one: the throttle's one timer serves both, in order.
        join(QStringLiteral("lobby"), QStringLiteral("u_a"));
        leave(QStringLiteral("lobby"), QStringLiteral("u_a"));
        join(QStringLiteral("lobby"), QStringLiteral("u_a"));
        QTRY_COMPARE(kinds(), QStringLiteral("JLJ"));
        join(QStringLiteral("lobby"), QStringLiteral("u_b"));
        leave(QStringLiteral("lobby"), QStringLiteral("u_b"));
        join(QStringLiteral("lobby"), QStringLiteral("u_b"), 5);
        QCOMPARE(kinds(), QStringLiteral("JLJJL"));
        QTRY_COMPARE(kinds(), QStringLiteral("JLJJLJ"));
        QCOMPARE(m_published.last().userId, QStringLiteral("u_b"));
        QCOMPARE(m_published.last().exceptId, quint64(5));
        // Both intervals end with nothing pending: nothing stays tracked.
        QTRY_COMPARE(m_throttle->trackedCount(), 0);
        QCOMPARE(kinds(), QStringLiteral("JLJJLJ"));
    }

    void zeroIntervalPassesEverything()
    {
        PresenceThrottle open(0, [this](const PresenceEvent& e, quint64 exceptId) {
            m_published.append({e.kind, e.room, e.userId, exceptId});
        });
        for (int i = 0; i < 3; ++i) {
            open.joined(
                presence(PresenceEvent::Kind::Joined, QStringLiteral("r"), QStringLiteral("u")), 1);
            open.left(
                presence(PresenceEvent::Kind::Left, QStringLiteral("r"), QStringLiteral("u")));
        }
        QCOMPARE(kinds(), QStringLiteral("JLJLJL"));
        QCOMPARE(open.trackedCount(), 0);
    }
};

QTEST_MAIN(tst_PresenceThrottle)
#include "tst_presencethrottle.moc"
