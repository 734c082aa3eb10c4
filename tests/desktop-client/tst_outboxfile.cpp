// OutboxFile: a round trip keeps every field; a malformed file or entry never gets in.
#include "outboxfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestOutboxFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void absentFileIsEmpty();
    void malformedFileIsRefused();
    void malformedEntriesAreDropped();

private:
    bool write(const QByteArray& content);

    QTemporaryDir m_dir;
    QString m_path = m_dir.filePath(QStringLiteral("outbox.json"));
};

bool TestOutboxFile::write(const QByteArray& content)
{
    QFile file(m_path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

void TestOutboxFile::roundTrip()
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(1'800'000'000'123);
    const QList<Outbox::Entry> entries{
        {QStringLiteral("c-1"), QStringLiteral("lobby"), QStringLiteral("héllo\nthere"), at, false},
        {QStringLiteral("c-2"), QStringLiteral("dev"), QStringLiteral("refused"), at, true}};
    const QString nested = m_dir.filePath(QStringLiteral("a/b/outbox.json"));
    QVERIFY(OutboxFile::write(nested, entries));
    QList<Outbox::Entry> read{{}};
    QVERIFY(OutboxFile::read(nested, &read));
    QCOMPARE(read.size(), 2);
    QCOMPARE(read.at(0).text, entries.at(0).text);
    QCOMPARE(read.at(0).createdAt.toMSecsSinceEpoch(), at.toMSecsSinceEpoch());
    QCOMPARE(read.at(1).clientId, QStringLiteral("c-2"));
    QVERIFY(read.at(1).failed);
}

void TestOutboxFile::absentFileIsEmpty()
{
    QList<Outbox::Entry> read{{}};
    QVERIFY(OutboxFile::read(m_dir.filePath(QStringLiteral("none.json")), &read));
    QVERIFY(read.isEmpty());
}

void TestOutboxFile::malformedFileIsRefused()
{
    QList<Outbox::Entry> read;
    for (const QByteArray& content :
         {QByteArray("{not json"), QByteArray("[]"), QByteArray(R"({"version":2,"entries":[]})")}) {
        QVERIFY(write(content));
        QVERIFY2(!OutboxFile::read(m_path, &read), content.constData());
        QVERIFY(read.isEmpty());
    }
}

void TestOutboxFile::malformedEntriesAreDropped()
{
    QVERIFY(write(R"({"version":1,"entries":[
        {"client_id":"c-1","room":"no spaces","text":"x"},
        {"client_id":"c-2","room":"lobby","text":"   "},
        {"client_id":"","room":"lobby","text":"x"},
        {"client_id":"c-3","room":"Lobby","text":"fine","created_at":"garbage"},
        {"client_id":"c-3","room":"lobby","text":"twice"},
        {"client_id":7,"room":"lobby","text":"x"},
        7]})"));
    QList<Outbox::Entry> read;
    QVERIFY(OutboxFile::read(m_path, &read));
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first().clientId, QStringLiteral("c-3"));
    QCOMPARE(read.first().room, QStringLiteral("lobby")); // canonical
    QVERIFY(read.first().createdAt.isValid());
}

QTEST_GUILESS_MAIN(TestOutboxFile)
#include "tst_outboxfile.moc"
