#include "configparsetable.h"

#include <QTest>

QStringList ConfigParseTable::args(const QStringList& flags)
{
    return QStringList{QStringLiteral("chat-server")} + flags;
}

void ConfigParseTable::addBadValueColumns()
{
    QTest::addColumn<QStringList>("flags");
    QTest::addColumn<QString>("mentions");
}

void ConfigParseTable::addBadValueRow(const char* name, const QStringList& flags,
                                      const char* mentions)
{
    QTest::newRow(name) << flags << QString::fromLatin1(mentions);
}

void ConfigParseTable::verifyBadValue(const Parse& parse)
{
    QFETCH(QStringList, flags);
    QFETCH(QString, mentions);
    ServerConfig config;
    QString message;
    QCOMPARE(parse(flags, &config, &message), ConfigLoader::ParseResult::Error);
    QVERIFY2(message.contains(mentions), qPrintable(message));
    QVERIFY(!message.contains(QLatin1Char('\n')));
}
