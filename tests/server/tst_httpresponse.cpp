// HttpResponse: the front door's complete HTTP/1.1 responses (RFC 9110 / RFC 9112).

#include "httpresponse.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Parsed
{
    QByteArray statusLine;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

// Splits a response as a client would (RFC 9112 §2.1): status line, header fields, empty
// line, body.
Parsed parse(const QByteArray& wire)
{
    Parsed parsed;
    const qsizetype headEnd = wire.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return parsed;
    const QList<QByteArray> lines = wire.left(headEnd).split('\n');
    parsed.statusLine = lines.first();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        parsed.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    if (parsed.statusLine.endsWith('\r'))
        parsed.statusLine.chop(1);
    parsed.body = wire.mid(headEnd + 4);
    return parsed;
}

QByteArrayList values(const Parsed& parsed, const QByteArray& name)
{
    QByteArrayList result;
    for (const auto& [key, value] : parsed.headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            result.append(value);
    }
    return result;
}

} // namespace

class tst_HttpResponse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeIsAWellFormedResponse()
    {
        HttpResponse response;
        response.status = 404;
        response.contentType = "text/html";
        response.body = "<p>gone</p>\r\n\r\nafter an empty line";
        response.extraHeaders = {{"X-One", "1"}, {"X-Two", "two"}};
        const QByteArray wire = response.encode();
        // Every line of the head ends in CRLF.
        const QByteArray head = wire.left(wire.indexOf("\r\n\r\n") + 2);
        QCOMPARE(head.count('\n'), head.count("\r\n"));
        const Parsed parsed = parse(wire);
        QCOMPARE(parsed.statusLine, QByteArray("HTTP/1.1 404 Not Found"));
        QCOMPARE(values(parsed, "Content-Type"), QByteArrayList{"text/html"});
        QCOMPARE(values(parsed, "Content-Length"),
                 QByteArrayList{QByteArray::number(response.body.size())});
        QCOMPARE(values(parsed, "Connection"), QByteArrayList{"close"});
        QCOMPARE(values(parsed, "X-One"), QByteArrayList{"1"});
        QCOMPARE(values(parsed, "X-Two"), QByteArrayList{"two"});
        QCOMPARE(parsed.body, response.body);
        QVERIFY(wire.endsWith(response.body));
    }

    void emptyBody()
    {
        HttpResponse response;
        response.status = 200;
        const Parsed parsed = parse(response.encode());
        QCOMPARE(parsed.statusLine, QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(values(parsed, "Content-Length"), QByteArrayList{"0"});
        QCOMPARE(values(parsed, "Content-Type"), QByteArrayList{"application/json"});
        QVERIFY(parsed.body.isEmpty());
    }

    void contentLengthCountsBytes()
    {
        // Content-Length is in bytes, not characters (RFC 9110 §8.6).
        const QByteArray utf8 = u"h\u00e9llo \U0001F600"_s.toUtf8();
        const Parsed parsed = parse(HttpResponse::text(200, utf8).encode());
        QCOMPARE(values(parsed, "Content-Length"), QByteArrayList{QByteArray::number(utf8.size())});
        QCOMPARE(parsed.body, utf8);
    }

    void jsonIsCompact()
    {
        const QJsonObject body{{u"status"_s, u"ok"_s}, {u"rooms"_s, 3}};
        const HttpResponse response = HttpResponse::json(201, body);
        QCOMPARE(response.status, 201);
        QCOMPARE(response.contentType, QByteArray("application/json"));
        QCOMPARE(response.body, QJsonDocument(body).toJson(QJsonDocument::Compact));
        QVERIFY(!response.body.contains('\n'));
    }

    void textIsUtf8Plain()
    {
        const HttpResponse response = HttpResponse::text(503, "draining\n");
        QCOMPARE(response.status, 503);
        QCOMPARE(response.contentType, QByteArray("text/plain; charset=utf-8"));
        QCOMPARE(response.body, QByteArray("draining\n"));
        QVERIFY(response.extraHeaders.isEmpty());
    }

    void errorBodyAndRetryAfter()
    {
        const HttpResponse plain = HttpResponse::error(400, "bad_request", "no such route");
        QCOMPARE(plain.status, 400);
        QCOMPARE(plain.contentType, QByteArray("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(plain.body).object();
        QCOMPARE(body,
                 (QJsonObject{{u"code"_s, u"bad_request"_s}, {u"message"_s, u"no such route"_s}}));
        QVERIFY(values(parse(plain.encode()), "Retry-After").isEmpty());

        const HttpResponse limited = HttpResponse::error(429, "rate_limited", "slow down", 7);
        QCOMPARE(values(parse(limited.encode()), "Retry-After"), QByteArrayList{"7"});
        // Zero and negative delays send no Retry-After.
        QVERIFY(
            values(parse(HttpResponse::error(503, "x", "y", 0).encode()), "Retry-After").isEmpty());
        QVERIFY(values(parse(HttpResponse::error(503, "x", "y", -3).encode()), "Retry-After")
                    .isEmpty());
    }

    void errorMessageIsEscaped()
    {
        const HttpResponse response = HttpResponse::error(400, "bad", "a \"quoted\" \\ word");
        QJsonParseError error;
        const QJsonObject body = QJsonDocument::fromJson(response.body, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(body.value(u"message"_s).toString(), u"a \"quoted\" \\ word"_s);
    }

    void methodNotAllowedNamesTheMethod()
    {
        const HttpResponse response = HttpResponse::methodNotAllowed("GET, HEAD");
        QCOMPARE(response.status, 405);
        const Parsed parsed = parse(response.encode());
        QCOMPARE(parsed.statusLine, QByteArray("HTTP/1.1 405 Method Not Allowed"));
        QCOMPARE(values(parsed, "Allow"), QByteArrayList{"GET, HEAD"});
        QVERIFY(parsed.body.contains("GET, HEAD"));
    }

    void reasonPhrase_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("phrase");
        // RFC 9110 §15.
        QTest::newRow("200") << 200 << QByteArray("OK");
        QTest::newRow("400") << 400 << QByteArray("Bad Request");
        QTest::newRow("401") << 401 << QByteArray("Unauthorized");
        QTest::newRow("403") << 403 << QByteArray("Forbidden");
        QTest::newRow("404") << 404 << QByteArray("Not Found");
        QTest::newRow("405") << 405 << QByteArray("Method Not Allowed");
        QTest::newRow("408") << 408 << QByteArray("Request Timeout");
        QTest::newRow("411") << 411 << QByteArray("Length Required");
        QTest::newRow("413") << 413 << QByteArray("Content Too Large");
        QTest::newRow("415") << 415 << QByteArray("Unsupported Media Type");
        QTest::newRow("429") << 429 << QByteArray("Too Many Requests"); // RFC 6585 §4
        QTest::newRow("431") << 431 << QByteArray("Request Header Fields Too Large");
        QTest::newRow("500") << 500 << QByteArray("Internal Server Error");
        QTest::newRow("503") << 503 << QByteArray("Service Unavailable");
        QTest::newRow("unlisted") << 418 << QByteArray("Unknown");
        QTest::newRow("nonsense") << -1 << QByteArray("Unknown");
    }

    void reasonPhrase()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, phrase);
        QCOMPARE(HttpResponse::reasonPhrase(status), phrase);
        HttpResponse response;
        response.status = status;
        QCOMPARE(parse(response.encode()).statusLine,
                 "HTTP/1.1 " + QByteArray::number(status) + ' ' + phrase);
    }
};

QTEST_APPLESS_MAIN(tst_HttpResponse)
#include "tst_httpresponse.moc"
