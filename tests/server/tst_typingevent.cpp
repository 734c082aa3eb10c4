// TypingEvent: the `typing` wire object (shared protocol, "typing").

#include "typingevent.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_TypingEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingWireObject_data()
    {
        QTest::addColumn<bool>("typing");
        QTest::newRow("starts") << true;
        QTest::newRow("stops") << false;
    }

    void typingWireObject()
    {
        QFETCH(bool, typing);
        const QJsonObject json =
            TypingEvent{u"lobby"_s, u"u_1"_s, u"Calm Otter"_s, typing}.toJson();
        QCOMPARE(json.size(), 4);
        QCOMPARE(json.value(u"room"_s).toString(), u"lobby"_s);
        QCOMPARE(json.value(u"user_id"_s).toString(), u"u_1"_s);
        QCOMPARE(json.value(u"handle"_s).toString(), u"Calm Otter"_s);
        QVERIFY(json.value(u"typing"_s).isBool());
        QCOMPARE(json.value(u"typing"_s).toBool(), typing);
    }
};

QTEST_GUILESS_MAIN(tst_TypingEvent)
#include "tst_typingevent.moc"
