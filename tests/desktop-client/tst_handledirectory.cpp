// HandleDirectory: telling apart users who share a handle.
#include "handledirectory.h"

#include <QTest>

class TestHandleDirectory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uniqueHandleStaysPlain();
    void sharedHandleGetsIdTail();
    void emptyInputIsIgnored();
};

void TestHandleDirectory::uniqueHandleStaysPlain()
{
    HandleDirectory handles;
    QVERIFY(!handles.note(QStringLiteral("u_aaaa1111"), QStringLiteral("Amber Otter")));
    QVERIFY(!handles.note(QStringLiteral("u_aaaa1111"), QStringLiteral("Amber Otter")));
    QCOMPARE(handles.displayHandle(QStringLiteral("u_aaaa1111"), QStringLiteral("Amber Otter")),
             QStringLiteral("Amber Otter"));
    QCOMPARE(handles.displayHandle(QStringLiteral("u_x"), QStringLiteral("Unknown")),
             QStringLiteral("Unknown"));
}

void TestHandleDirectory::sharedHandleGetsIdTail()
{
    HandleDirectory handles;
    handles.note(QStringLiteral("u_aaaa1111"), QStringLiteral("Amber Otter"));
    QVERIFY(handles.note(QStringLiteral("u_bbbb2222"), QStringLiteral("Amber Otter")));
    QVERIFY(!handles.note(QStringLiteral("u_cccc3333"), QStringLiteral("Amber Otter"))); // already
    QCOMPARE(handles.displayHandle(QStringLiteral("u_aaaa1111"), QStringLiteral("Amber Otter")),
             QStringLiteral("Amber Otter #1111"));
    QCOMPARE(handles.displayHandle(QStringLiteral("u_bbbb2222"), QStringLiteral("Amber Otter")),
             QStringLiteral("Amber Otter #2222"));
    QCOMPARE(handles.displayHandle(QString(), QStringLiteral("Amber Otter")),
             QStringLiteral("Amber Otter"));
}

void TestHandleDirectory::emptyInputIsIgnored()
{
    HandleDirectory handles;
    QVERIFY(!handles.note(QString(), QStringLiteral("Amber Otter")));
    QVERIFY(!handles.note(QStringLiteral("u_a"), QString()));
    QVERIFY(!handles.note(QStringLiteral("u_b"), QStringLiteral("Amber Otter")));
    QCOMPARE(handles.displayHandle(QStringLiteral("u_b"), QStringLiteral("Amber Otter")),
             QStringLiteral("Amber Otter"));
}

QTEST_GUILESS_MAIN(TestHandleDirectory)
#include "tst_handledirectory.moc"
