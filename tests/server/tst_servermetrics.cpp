// GET /metrics: the Prometheus text is parsed, and each family is checked to exist with
// the right type and to move when the server does what it counts.

#include "chatserver.h"
#include "histogram.h"
#include "servermetrics.h"
#include "testclient.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

/// A parsed exposition: samples by "name{labels}" (labels as written), types by family.
struct Exposition
{
    QHash<QString, double> samples;
    QHash<QString, QString> types;
    QStringList errors;

    double value(const QString& series, double missing = -1) const
    {
        return samples.value(series, missing);
    }
};

/// Parses the text format strictly enough to catch malformed lines.
Exposition parse(const QByteArray& text)
{
    static const QRegularExpression sample(QStringLiteral(
        R"(^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*")*\})?) (\S+)$)"));
    static const QRegularExpression type(QStringLiteral(
        R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$)"));
    Exposition out;
    if (!text.endsWith('\n'))
        out.errors.append(QStringLiteral("no final line feed"));
    for (const QString& line :
         QString::fromUtf8(text).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("# HELP ")))
            continue;
        if (line.startsWith(QLatin1String("# TYPE "))) {
            const QRegularExpressionMatch match = type.match(line);
            if (!match.hasMatch() || out.types.contains(match.captured(1)))
                out.errors.append(line);
            else
                out.types.insert(match.captured(1), match.captured(2));
            continue;
        }
        const QRegularExpressionMatch match = sample.match(line);
        bool ok = false;
        const double value = match.hasMatch() ? (match.captured(2) == QLatin1String("+Inf")
                                                     ? qInf()
                                                     : match.captured(2).toDouble(&ok))
                                              : 0;
        if (!match.hasMatch() || (!ok && match.captured(2) != QLatin1String("+Inf")))
            out.errors.append(line);
        else
            out.samples.insert(match.captured(1), value);
    }
    return out;
}

} // namespace

class tst_ServerMetrics : public QObject
{
    Q_OBJECT

private:
    Exposition scrape()
    {
        const TestClient::HttpResult result = TestClient::httpGet(m_server->port(), "/metrics");
        if (result.status != 200 || !result.headers.contains("text/plain; version=0.0.4"))
            return Exposition{{}, {}, {QStringLiteral("bad response")}};
        return parse(result.body);
    }

    static bool ok(const QJsonObject& reply) { return reply.value(QStringLiteral("ok")).toBool(); }

    QTemporaryDir m_dataDir;
    std::unique_ptr<ChatServer> m_server;

private Q_SLOTS:
    void init()
    {
        ServerConfig config;
        config.port = 0;
        config.dataDir = m_dataDir.path();
        config.storage = ServerConfig::Storage::Memory;
        config.messageRate = 0.001; // a burst of 2, then rate_limited
        config.messageBurst = 2;
        m_server = std::make_unique<ChatServer>(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    void histogramBuckets()
    {
        Histogram histogram({0.001, 0.01});
        histogram.observe(0.0005);
        histogram.observe(0.001); // le is inclusive
        histogram.observe(0.005);
        histogram.observe(3);
        QByteArray text;
        histogram.render(&text, "x_seconds", "help");
        const Exposition parsed = parse(text);
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.join(QLatin1Char('|'))));
        QCOMPARE(parsed.types.value(QStringLiteral("x_seconds")), QStringLiteral("histogram"));
        QCOMPARE(parsed.value(QStringLiteral("x_seconds_bucket{le=\"0.001\"}")), 2.0);
        QCOMPARE(parsed.value(QStringLiteral("x_seconds_bucket{le=\"0.01\"}")), 3.0);
        QCOMPARE(parsed.value(QStringLiteral("x_seconds_bucket{le=\"+Inf\"}")), 4.0);
        QCOMPARE(parsed.value(QStringLiteral("x_seconds_count")), 4.0);
        QVERIFY(qAbs(parsed.value(QStringLiteral("x_seconds_sum")) - 3.0065) < 1e-9);
    }

    void labelsAreEscaped()
    {
        ServerMetrics metrics;
        metrics.countClosed("odd\"reason\\");
        const Exposition parsed = parse(metrics.renderPrometheus(0, 0));
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.join(QLatin1Char('|'))));
        QCOMPARE(parsed.value(
                     QStringLiteral("chat_connections_closed_total{reason=\"odd\\\"reason\\\\\"}")),
                 1.0);
    }

    void everyFamilyIsExposed()
    {
        const Exposition parsed = scrape();
        QVERIFY2(parsed.errors.isEmpty(), qPrintable(parsed.errors.join(QLatin1Char('|'))));
        const QList<std::pair<const char*, const char*>> families{
            {"chat_connections", "gauge"},
            {"chat_rooms", "gauge"},
            {"chat_connections_total", "counter"},
            {"chat_messages_total", "counter"},
            {"chat_deliveries_total", "counter"},
            {"chat_protocol_errors_total", "counter"},
            {"chat_rate_limited_total", "counter"},
            {"chat_connections_closed_total", "counter"},
            {"chat_connections_refused_total", "counter"},
            {"chat_storage_append_seconds", "histogram"},
            {"chat_event_loop_lag_seconds", "histogram"},
            {"process_resident_memory_bytes", "gauge"},
        };
        for (const auto& [name, type] : families)
            QVERIFY2(parsed.types.value(QLatin1String(name)) == QLatin1String(type), name);
        // Resident memory is real: more than a megabyte, less than 4 GiB.
        const double rss = parsed.value(QStringLiteral("process_resident_memory_bytes"));
        QVERIFY2(rss > 1e6 && rss < 4e9, qPrintable(QString::number(rss)));
    }

    void countersMove()
    {
        const Exposition before = scrape();
        TestClient alice;
        TestClient bob;
        QVERIFY(alice.connectTo(m_server->port()));
        QVERIFY(bob.connectTo(m_server->port()));
        const QJsonObject room{{QStringLiteral("room"), QStringLiteral("metrics")}};
        QVERIFY(ok(alice.request(QStringLiteral("join_room"), room)));
        QVERIFY(ok(bob.request(QStringLiteral("join_room"), room)));
        QJsonObject message = room;
        message.insert(QStringLiteral("text"), QStringLiteral("hi"));
        QVERIFY(ok(alice.request(QStringLiteral("send_message"), message)));
        QVERIFY(ok(alice.request(QStringLiteral("send_message"), message)));
        const QJsonObject limited = alice.request(QStringLiteral("send_message"), message);
        QCOMPARE(limited.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")),
                 QJsonValue(QStringLiteral("rate_limited")));
        alice.sendRaw(QStringLiteral("42[\"no_such_event\",{}]"));
        QVERIFY(alice.waitForEvents(QStringLiteral("error")));

        const Exposition during = scrape();
        QVERIFY2(during.errors.isEmpty(), qPrintable(during.errors.join(QLatin1Char('|'))));
        QCOMPARE(during.value(QStringLiteral("chat_connections")), 2.0);
        QCOMPARE(during.value(QStringLiteral("chat_rooms")), 1.0);
        QCOMPARE(during.value(QStringLiteral("chat_connections_total")) -
                     before.value(QStringLiteral("chat_connections_total")),
                 2.0);
        QCOMPARE(during.value(QStringLiteral("chat_messages_total")), 2.0);
        QCOMPARE(during.value(QStringLiteral("chat_deliveries_total")), 4.0); // 2 messages x 2
        QCOMPARE(during.value(QStringLiteral("chat_protocol_errors_total")), 1.0);
        QCOMPARE(during.value(QStringLiteral("chat_rate_limited_total{reason=\"send_message\"}")),
                 1.0);
        QCOMPARE(during.value(QStringLiteral("chat_storage_append_seconds_count")), 2.0);
        QCOMPARE(during.value(QStringLiteral("chat_storage_append_seconds_bucket{le=\"+Inf\"}")),
                 2.0);

        // Close reasons: one client leaves cleanly (Engine.IO close), one vanishes.
        alice.sendRaw(QStringLiteral("1"));
        QVERIFY(alice.waitForClosed());
        bob.kill();
        QTRY_COMPARE(scrape().value(QStringLiteral("chat_connections")), 0.0);
        const Exposition after = scrape();
        QCOMPARE(
            after.value(QStringLiteral("chat_connections_closed_total{reason=\"client_closed\"}")),
            1.0);
        QCOMPARE(
            after.value(QStringLiteral("chat_connections_closed_total{reason=\"client_gone\"}")),
            1.0);
    }

    void eventLoopLagIsSampled()
    {
        // The probe ticks every 250 ms; a blocked loop shows as lag of at least the block.
        QTRY_VERIFY_WITH_TIMEOUT(
            scrape().value(QStringLiteral("chat_event_loop_lag_seconds_count")) >= 1, 5000);
        const double sumBefore = scrape().value(QStringLiteral("chat_event_loop_lag_seconds_sum"));
        QTest::qSleep(400); // deliberately blocks the event loop: that is what is measured
        QTRY_VERIFY_WITH_TIMEOUT(
            scrape().value(QStringLiteral("chat_event_loop_lag_seconds_sum")) - sumBefore >= 0.1,
            5000);
        const Exposition parsed = scrape();
        QVERIFY(parsed.value(QStringLiteral("chat_event_loop_lag_seconds_bucket{le=\"+Inf\"}")) ==
                parsed.value(QStringLiteral("chat_event_loop_lag_seconds_count")));
    }
};

QTEST_GUILESS_MAIN(tst_ServerMetrics)
#include "tst_servermetrics.moc"
