// The web client's static files (WebClientFiles): content types, the caching and security
// headers, ETag revalidation, gzip, and the built-in resources served at / by the server
// unless --web-client off.

#include "memoryserverfixture.h"
#include "testclient.h"
#include "webclientfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

namespace {

HttpRequest get(const QByteArray& target, const QList<QByteArray>& headerLines = {})
{
    QByteArray head = "GET " + target + " HTTP/1.1\r\nHost: x\r\n";
    for (const QByteArray& line : headerLines)
        head += line + "\r\n";
    head += "\r\n";
    HttpRequest request;
    qsizetype used = 0;
    HttpRequest::parseHead(head, 8192, &request, &used);
    return request;
}

QByteArray headerOf(const HttpResponse& response, const QByteArray& name)
{
    for (const auto& [key, value] : response.extraHeaders) {
        if (key == name)
            return value;
    }
    return {};
}

QByteArray gunzip(const QByteArray& data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK)
        return {};
    QByteArray out(1 << 20, Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = uInt(out.size());
    const int result = inflate(&stream, Z_FINISH);
    out.truncate(out.size() - qsizetype(stream.avail_out));
    inflateEnd(&stream);
    return result == Z_STREAM_END ? out : QByteArray();
}

} // namespace

class tst_WebClientFiles : public MemoryServerFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void servesIndexAtTheRootWithItsPolicy();
    void servesOtherFilesByNameWithTheirType();
    void unknownPathsAreLeftToTheCaller();
    void revalidatesWithTheETag();
    void gzipsForClientsThatAcceptIt();
    void contentTypes_data();
    void contentTypes();
    void serverServesTheBuiltInClient();
    void webClientOffAnswers404();

private:
    QTemporaryDir m_root;
    QByteArray m_script;
};

void tst_WebClientFiles::initTestCase()
{
    QVERIFY(m_root.isValid());
    const auto write = [this](const QString& name, const QByteArray& bytes) {
        QFile file(m_root.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(QStringLiteral("index.html"), "<!doctype html><title>chat</title>");
    // Repetitive enough to shrink with gzip.
    for (int i = 0; i < 200; ++i)
        m_script += "console.log('line " + QByteArray::number(i % 7) + "');\n";
    write(QStringLiteral("app.js"), m_script);
    write(QStringLiteral("tiny.css"), "a{}");
}

void tst_WebClientFiles::servesIndexAtTheRootWithItsPolicy()
{
    const WebClientFiles files(m_root.path());
    QCOMPARE(files.fileCount(), 3);
    const std::optional<HttpResponse> index = files.serve(get("/"));
    QVERIFY(index);
    QCOMPARE(index->status, 200);
    QCOMPARE(index->body, QByteArray("<!doctype html><title>chat</title>"));
    QCOMPARE(index->contentType, QByteArray("text/html; charset=utf-8"));
    const QByteArray policy = headerOf(*index, "Content-Security-Policy");
    QCOMPARE(policy, WebClientFiles::policy());
    QVERIFY(policy.contains("script-src 'self'"));
    QVERIFY(!policy.contains("unsafe-inline"));
    QCOMPARE(headerOf(*index, "Cache-Control"), QByteArray("no-cache"));
    QCOMPARE(headerOf(*index, "X-Content-Type-Options"), QByteArray("nosniff"));
    QVERIFY(files.serve(get("/index.html")));
}

void tst_WebClientFiles::servesOtherFilesByNameWithTheirType()
{
    const WebClientFiles files(m_root.path());
    const std::optional<HttpResponse> script = files.serve(get("/app.js?v=2"));
    QVERIFY(script);
    QCOMPARE(script->body, m_script);
    QCOMPARE(script->contentType, QByteArray("text/javascript; charset=utf-8"));
    QVERIFY(headerOf(*script, "Content-Security-Policy").isEmpty()); // HTML only
}

void tst_WebClientFiles::unknownPathsAreLeftToTheCaller()
{
    const WebClientFiles files(m_root.path());
    QVERIFY(!files.serve(get("/health")));
    QVERIFY(!files.serve(get("/nope.js")));
    QVERIFY(!files.serve(get("/../index.html")));
}

void tst_WebClientFiles::revalidatesWithTheETag()
{
    const WebClientFiles files(m_root.path());
    const QByteArray etag = headerOf(*files.serve(get("/app.js")), "ETag");
    QVERIFY(etag.startsWith('"') && etag.endsWith('"') && etag.size() > 4);
    const std::optional<HttpResponse> unchanged =
        files.serve(get("/app.js", {"If-None-Match: \"other\", " + etag}));
    QCOMPARE(unchanged->status, 304);
    QVERIFY(unchanged->body.isEmpty());
    QVERIFY(!unchanged->encode().contains("Content-Length"));
    QCOMPARE(files.serve(get("/app.js", {"If-None-Match: \"other\""}))->status, 200);
    // Another file has another tag.
    QVERIFY(headerOf(*files.serve(get("/tiny.css")), "ETag") != etag);
}

void tst_WebClientFiles::gzipsForClientsThatAcceptIt()
{
    const WebClientFiles files(m_root.path());
    const std::optional<HttpResponse> zipped =
        files.serve(get("/app.js", {"Accept-Encoding: gzip, deflate, br"}));
    QCOMPARE(headerOf(*zipped, "Content-Encoding"), QByteArray("gzip"));
    QCOMPARE(headerOf(*zipped, "Vary"), QByteArray("Accept-Encoding"));
    QVERIFY(zipped->body.size() < m_script.size());
    QCOMPARE(gunzip(zipped->body), m_script);
    // Without Accept-Encoding, or when gzip would not be smaller: the file as it is.
    QVERIFY(headerOf(*files.serve(get("/app.js")), "Content-Encoding").isEmpty());
    const std::optional<HttpResponse> tiny =
        files.serve(get("/tiny.css", {"Accept-Encoding: gzip"}));
    QCOMPARE(tiny->body, QByteArray("a{}"));
    QVERIFY(headerOf(*tiny, "Content-Encoding").isEmpty());
}

void tst_WebClientFiles::contentTypes_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("css") << "a.css" << QByteArray("text/css; charset=utf-8");
    QTest::newRow("svg") << "icon.SVG" << QByteArray("image/svg+xml");
    QTest::newRow("manifest") << "app.webmanifest" << QByteArray("application/manifest+json");
    QTest::newRow("unknown") << "data.bin" << QByteArray("application/octet-stream");
}

void tst_WebClientFiles::contentTypes()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, type);
    QCOMPARE(WebClientFiles::contentType(name), type);
}

void tst_WebClientFiles::serverServesTheBuiltInClient()
{
    QVERIFY(start());
    const TestClient::HttpResult page = TestClient::httpGet(port(), "/");
    QCOMPARE(page.status, 200);
    QVERIFY(page.body.contains("<html"));
    QVERIFY(page.headers.contains("Content-Security-Policy"));
    // Every script the page names is there.
    const TestClient::HttpResult script = TestClient::httpGet(port(), "/app.js");
    QCOMPARE(script.status, 200);
    QVERIFY(script.headers.contains("text/javascript"));
    QCOMPARE(TestClient::httpGet(port(), "/health").status, 200);
}

void tst_WebClientFiles::webClientOffAnswers404()
{
    ServerConfig config;
    config.webClient = false;
    QVERIFY(start(config));
    QCOMPARE(TestClient::httpGet(port(), "/").status, 404);
    QCOMPARE(TestClient::httpGet(port(), "/app.js").status, 404);
    QCOMPARE(TestClient::httpGet(port(), "/health").status, 200);
}

QTEST_MAIN(tst_WebClientFiles)
#include "tst_webclientfiles.moc"
