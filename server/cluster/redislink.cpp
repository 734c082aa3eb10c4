#include "redislink.h"

#include "clusterlogging.h"
#include "redisnotifier.h"
#include "servermetrics.h"

#include <QAbstractSocket>
#include <QHostInfo>
#include <QUrl>

#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <vector>

struct RedisLink::Pending
{
    RedisLink* link;
    Callback done;
    qint64 sentNs;
    bool tracked = false; ///< in m_sentNs (command(), not the link's own SELECT)
};

bool RedisLink::Address::fromUrl(const QString& url, Address* out, QString* error)
{
    const QUrl parsed(url, QUrl::StrictMode);
    bool dbOk = true;
    const QString path = parsed.path();
    const int db = path.size() > 1 ? path.mid(1).toInt(&dbOk) : 0;
    if (!parsed.isValid() || parsed.scheme() != QLatin1String("redis") || parsed.host().isEmpty() ||
        !dbOk || db < 0) {
        *error = QStringLiteral("'%1' is not redis://HOST:PORT/DB").arg(url);
        return false;
    }
    out->host = parsed.host();
    out->port = quint16(parsed.port(6379));
    out->db = db;
    return true;
}

RedisLink::RedisLink(const Address& address, const QString& name, ServerMetrics* metrics,
                     QObject* parent)
    : QObject(parent)
    , m_address(address)
    , m_name(name)
    , m_metrics(metrics)
{
    m_clock.start();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RedisLink::connectNow);
    m_liveness.setInterval(LivenessIntervalMs);
    connect(&m_liveness, &QTimer::timeout, this, &RedisLink::checkLiveness);
    m_connectDeadline.setSingleShot(true);
    m_connectDeadline.setInterval(ConnectTimeoutMs);
    connect(&m_connectDeadline, &QTimer::timeout, this, [this] {
        if (m_lookupId >= 0) {
            qCWarning(lcCluster) << "redis" << m_name << "lookup of" << m_address.host
                                 << "timed out";
            QHostInfo::abortHostLookup(m_lookupId);
            m_lookupId = -1;
            lost("lookup timeout");
            return;
        }
        if (!m_context || m_ready)
            return;
        qCWarning(lcCluster) << "redis" << m_name << "connection attempt timed out";
        redisAsyncContext* context = m_context;
        m_context = nullptr; // the callbacks hiredis runs from here on find no link
        context->data = nullptr;
        redisAsyncFree(context);
        lost("timeout");
    });
}

RedisLink::~RedisLink()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    if (m_context) {
        redisAsyncContext* context = m_context;
        m_context = nullptr;
        context->data = nullptr;
        redisAsyncFree(context); // pending callbacks run with Lost, finding no link
    }
    setUp(false);
}

void RedisLink::start()
{
    if (!m_context && !m_retry.isActive() && m_lookupId < 0)
        connectNow();
}

void RedisLink::connectNow()
{
    if (m_nextAddress < m_addresses.size()) {
        connectTo(m_addresses.at(m_nextAddress++));
        return;
    }
    m_addresses.clear();
    m_nextAddress = 0;
    QHostAddress numeric;
    if (numeric.setAddress(m_address.host)) {
        m_addresses.append(numeric);
        connectTo(m_addresses.at(m_nextAddress++));
        return;
    }
    // redisAsyncConnect() with a name would block this thread in getaddrinfo(); the
    // lookup runs on Qt's lookup thread instead, within the connection attempt's deadline.
    m_lookupId = QHostInfo::lookupHost(m_address.host, this, &RedisLink::onLookedUp);
    m_connectDeadline.start();
}

void RedisLink::onLookedUp(const QHostInfo& info)
{
    if (info.lookupId() != m_lookupId)
        return; // an aborted lookup's late answer
    m_lookupId = -1;
    m_connectDeadline.stop();
    QList<QHostAddress> v6;
    for (const QHostAddress& address : info.addresses()) {
        if (address.protocol() == QAbstractSocket::IPv4Protocol)
            m_addresses.append(address);
        else
            v6.append(address);
    }
    m_addresses += v6;
    m_nextAddress = 0;
    if (m_addresses.isEmpty()) {
        qCWarning(lcCluster) << "redis" << m_name << "cannot resolve" << m_address.host << ":"
                             << info.errorString();
        lost("lookup");
        return;
    }
    connectTo(m_addresses.at(m_nextAddress++));
}

void RedisLink::connectTo(const QHostAddress& address)
{
    redisAsyncContext* context =
        redisAsyncConnect(address.toString().toLatin1().constData(), m_address.port);
    if (!context || context->err) {
        qCWarning(lcCluster) << "redis" << m_name
                             << "cannot connect:" << (context ? context->errstr : "out of memory");
        if (context)
            redisAsyncFree(context);
        lost("connect");
        return;
    }
    context->data = this;
    m_context = context;
    m_notifier = new RedisNotifier(context, this);
    redisAsyncSetConnectCallback(context, &RedisLink::onConnect);
    redisAsyncSetDisconnectCallback(context, &RedisLink::onDisconnect);
    m_connectDeadline.start();
}

void RedisLink::onConnect(const redisAsyncContext* context, int status)
{
    auto* link = static_cast<RedisLink*>(context->data);
    if (!link)
        return;
    if (status != REDIS_OK) {
        qCWarning(lcCluster) << "redis" << link->m_name << "connection failed:" << context->errstr;
        link->m_context = nullptr; // hiredis frees it after this callback
        link->lost("connect");
        return;
    }
    link->m_connectDeadline.stop();
    if (link->m_address.db == 0) {
        link->becomeReady();
        return;
    }
    auto* pending = new Pending{link,
                                [link](const RedisReply& reply) {
                                    if (reply.ok())
                                        link->becomeReady();
                                    else
                                        qCWarning(lcCluster)
                                            << "redis SELECT failed:" << reply.string;
                                },
                                link->m_clock.nsecsElapsed()};
    link->send({"SELECT", QByteArray::number(link->m_address.db)}, &RedisLink::onReply, pending);
}

void RedisLink::becomeReady()
{
    if (!m_pattern.isEmpty()) {
        // Ready once Redis confirms the subscription (onMessage).
        send({"PSUBSCRIBE", m_pattern}, &RedisLink::onMessage, this);
        return;
    }
    markReady();
}

void RedisLink::markReady()
{
    m_ready = true;
    m_liveness.start();
    m_backoffMs = ReconnectMinMs;
    if (m_wasReady && m_metrics)
        ++m_metrics->redisReconnectsTotal;
    m_wasReady = true;
    setUp(true);
    qCInfo(lcCluster) << "redis" << m_name << "connected to" << m_address.host << m_address.port;
    Q_EMIT connected();
}

void RedisLink::onDisconnect(const redisAsyncContext* context, int status)
{
    Q_UNUSED(status);
    auto* link = static_cast<RedisLink*>(context->data);
    if (!link || link->m_dropping)
        return;
    link->m_context = nullptr; // hiredis frees it after this callback
    link->lost("disconnected");
}

void RedisLink::lost(const char* why)
{
    m_connectDeadline.stop();
    m_liveness.stop();
    m_sentNs.clear();
    if (m_notifier) {
        m_notifier->deleteLater();
        m_notifier = nullptr;
    }
    const bool wasReady = m_ready;
    m_ready = false;
    setUp(false);
    if (wasReady) {
        qCWarning(lcCluster) << "redis" << m_name << "lost:" << why;
        m_addresses.clear(); // looked up again: the name may point elsewhere now
        m_nextAddress = 0;
        Q_EMIT disconnected();
    }
    if (m_nextAddress < m_addresses.size()) {
        m_retry.start(0); // the lookup's next address, at once
        return;
    }
    m_retry.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, ReconnectMaxMs);
}

void RedisLink::setUp(bool up)
{
    if (!m_metrics || up == m_countedUp)
        return;
    m_countedUp = up;
    // redisUp counts the links that are up (a node has two).
    m_metrics->redisUp += up ? 1 : -1;
}

void RedisLink::command(const QList<QByteArray>& args, Callback done)
{
    if (!m_ready || !m_context || !m_pattern.isEmpty()) {
        done(RedisReply());
        return;
    }
    if (m_metrics)
        ++m_metrics->redisBacklog;
    const qint64 now = m_clock.nsecsElapsed();
    m_sentNs.push_back(now);
    send(args, &RedisLink::onReply, new Pending{this, std::move(done), now, true});
}

void RedisLink::checkLiveness()
{
    if (!m_ready || !m_context || !m_pattern.isEmpty())
        return;
    if (m_sentNs.empty()) {
        command({"PING"}, [](const RedisReply&) {});
        return;
    }
    if ((m_clock.nsecsElapsed() - m_sentNs.front()) / 1000000 > CommandTimeoutMs)
        drop("no answer in time");
}

void RedisLink::drop(const char* why)
{
    redisAsyncContext* context = m_context;
    m_context = nullptr;
    m_dropping = true;
    redisAsyncFree(context); // the commands in flight are answered Lost from here
    m_dropping = false;
    lost(why);
}

void RedisLink::send(const QList<QByteArray>& args,
                     void (*callback)(redisAsyncContext*, void*, void*), void* privdata)
{
    std::vector<const char*> argv;
    std::vector<size_t> lengths;
    argv.reserve(size_t(args.size()));
    lengths.reserve(size_t(args.size()));
    for (const QByteArray& arg : args) {
        argv.push_back(arg.constData());
        lengths.push_back(size_t(arg.size()));
    }
    if (redisAsyncCommandArgv(m_context, callback, privdata, int(argv.size()), argv.data(),
                              lengths.data()) != REDIS_OK) {
        // Only when the context is being torn down: answer now.
        callback(m_context, nullptr, privdata);
    }
}

void RedisLink::onReply(redisAsyncContext* context, void* reply, void* privdata)
{
    Q_UNUSED(context);
    std::unique_ptr<Pending> pending(static_cast<Pending*>(privdata));
    RedisLink* link = pending->link;
    // The link may be gone (destructor): the callback still runs, without metrics.
    const bool linkAlive = context && context->data == link;
    if (linkAlive && pending->tracked && !link->m_sentNs.empty())
        link->m_sentNs.pop_front();
    if (linkAlive && link->m_metrics) {
        --link->m_metrics->redisBacklog;
        if (reply)
            link->m_metrics->redisRoundTripSeconds.observe(
                (link->m_clock.nsecsElapsed() - pending->sentNs) / 1e9);
    }
    if (pending->done)
        pending->done(RedisReply::from(static_cast<const redisReply*>(reply)));
}

void RedisLink::onMessage(redisAsyncContext* context, void* reply, void* privdata)
{
    auto* link = static_cast<RedisLink*>(privdata);
    const auto* r = static_cast<const redisReply*>(reply);
    if (!r || !context || context->data != link || r->type != REDIS_REPLY_ARRAY || r->elements < 3)
        return;
    const QByteArray kind(r->element[0]->str, qsizetype(r->element[0]->len));
    if (kind == "psubscribe") {
        link->markReady();
        return;
    }
    if (kind == "pmessage" && r->elements >= 4 && link->m_handler)
        link->m_handler(QByteArray(r->element[2]->str, qsizetype(r->element[2]->len)),
                        QByteArray(r->element[3]->str, qsizetype(r->element[3]->len)));
}

void RedisLink::psubscribe(const QByteArray& pattern, MessageHandler handler)
{
    m_pattern = pattern;
    m_handler = std::move(handler);
    if (m_context && m_ready) {
        m_ready = false;
        send({"PSUBSCRIBE", m_pattern}, &RedisLink::onMessage, this);
    }
}
