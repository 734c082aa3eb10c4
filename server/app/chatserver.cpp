#include "chatserver.h"

#include "adminapi.h"
#include "adminserver.h"
#include "applogging.h"
#include "banlist.h"
#include "banstore.h"
#include "chatroutes.h"
#include "chatservice.h"
#include "connectionadmission.h"
#include "deliverychannels.h"
#include "eventdispatcherinstaller.h"
#include "eventlooplagprobe.h"
#include "gateway.h"
#include "httpapi.h"
#include "httpfrontdoor.h"
#include "identityservice.h"
#include "ioworkerpool.h"
#include "localroomfanout.h"
#include "memorymessagestore.h"
#include "memorytrimmer.h"
#include "nativewebsocketconnection.h"
#include "pollingsessions.h"
#include "qtwebsocketconnection.h"
#include "randomid.h"
#include "redislink.h"
#include "redismessagestore.h"
#include "redispresence.h"
#include "redisroomfanout.h"
#include "redisroomfeed.h"
#include "servermetrics.h"
#include "serversettings.h"
#include "sqlitemessagestore.h"
#include "tlscredentials.h"
#include "tokensigner.h"
#include "trustedproxies.h"
#include "webclientfiles.h"

#include <QHostAddress>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>
#include <QUrlQuery>
#include <QWebSocket>

namespace {
// Free heap memory is given back to the system every 5 s when more than 4 MiB are free.
constexpr int MemoryTrimIntervalMs = 5000;
constexpr qint64 MemoryTrimThresholdBytes = 4 << 20;

} // namespace

ChatServer::ChatServer(const ServerConfig& config, QObject* parent)
    : QObject(parent)
    , m_config(config)
    , m_metrics(std::make_unique<ServerMetrics>())
    , m_bans(std::make_unique<BanList>())
    , m_admission(
          std::make_unique<ConnectionAdmission>(config.maxConnectionsPerIp, config.maxConnections))
    , m_trimmer(std::make_unique<MemoryTrimmer>(MemoryTrimIntervalMs, MemoryTrimThresholdBytes))
{}

ChatServer::~ChatServer()
{
    // Stop accepting first, then drop every connection while the service, store and
    // fan-out still exist; members are then destroyed in reverse order.
    if (m_frontDoor)
        m_frontDoor->close();
    m_adminServer.reset();
    m_adminApi.reset();
    if (m_service)
        m_service->closeAllNow();
    m_frontDoor.reset();
    m_polling.reset();
    m_gateway.reset();
    m_service.reset();
}

bool ChatServer::listen(QString* error)
{
    if (m_frontDoor) {
        *error = QStringLiteral("the server is already listening");
        return false;
    }
    QHostAddress address;
    if (!address.setAddress(m_config.host)) {
        *error = QStringLiteral("--host: '%1' is not an IP address").arg(m_config.host);
        return false;
    }

    QSslConfiguration tls;
    if (!m_config.tlsCertFile.isEmpty() &&
        !TlsCredentials::load(m_config.tlsCertFile, m_config.tlsKeyFile, &tls, error))
        return false;

    QByteArray secret;
    if (!m_config.tokenSecretFile.isEmpty()) {
        if (!TokenSigner::deriveSecretFromFile(m_config.tokenSecretFile, &secret, error))
            return false;
    } else if (m_config.dataDir.isEmpty()) {
        qCInfo(lcServer) << "no data directory: tokens will not survive a restart";
        secret = TokenSigner::randomSecret();
    } else if (!TokenSigner::loadOrCreateSecret(m_config.dataDir, &secret, error)) {
        return false;
    }
    if (!m_config.clusterUrl.isEmpty()) {
        if (!openCluster(error))
            return false;
    } else if (m_config.storage == ServerConfig::Storage::Sqlite && !m_config.dataDir.isEmpty()) {
        auto store = std::make_unique<SqliteMessageStore>(
            SqliteMessageStore::fileIn(m_config.dataDir), m_config.historyLimit);
        if (!store->open(error))
            return false;
        m_store = std::move(store);
    } else {
        qCDebug(lcServer) << "history is kept in memory: it will not survive a restart";
        m_store = std::make_unique<MemoryMessageStore>(m_config.historyLimit);
    }
    m_banStore = std::make_unique<BanStore>(m_config.dataDir);
    if (!m_banStore->load(m_bans.get(), error))
        return false;
    buildCore(secret);
    if (!listenFrontDoor(address, tls, error) ||
        (!m_config.adminHost.isEmpty() && !listenAdmin(error))) {
        m_frontDoor.reset();
        m_httpApi.reset();
        m_gateway.reset();
        m_service.reset();
        return false;
    }
    m_lagProbe =
        std::make_unique<EventLoopLagProbe>(&m_metrics->eventLoopLagSeconds, LagProbeIntervalMs);
    return true;
}

bool ChatServer::openCluster(QString* error)
{
    RedisLink::Address address;
    if (!RedisLink::Address::fromUrl(m_config.clusterUrl, &address, error)) {
        *error = QStringLiteral("--cluster: ") + *error;
        return false;
    }
    m_metrics->redisEnabled = true;
    m_redis = std::make_unique<RedisLink>(address, QStringLiteral("commands"), m_metrics.get());
    m_redisSubscriber =
        std::make_unique<RedisLink>(address, QStringLiteral("subscriber"), m_metrics.get());
    m_feed = std::make_unique<RedisRoomFeed>(m_redis.get(), m_redisSubscriber.get());
    m_store =
        std::make_unique<RedisMessageStore>(m_redis.get(), m_feed.get(), m_config.historyLimit);
    qCInfo(lcServer) << "cluster node on" << address.host << address.port << "db" << address.db;
    // Connects in the background: until then /health says not_ready, sends get server_busy.
    m_redis->start();
    m_redisSubscriber->start();
    return true;
}

void ChatServer::buildCore(const QByteArray& tokenSecret)
{
    const int threads = m_config.threads > 0 ? m_config.threads : QThread::idealThreadCount();
    m_ioPool = std::make_unique<IoWorkerPool>(threads, ServerSettings::connectionLimits(m_config),
                                              &EventDispatcherInstaller::createLikeMainThread);
    m_channels = std::make_unique<DeliveryChannels>();
    if (m_feed) {
        const QByteArray nodeId = RandomId::generate(QStringLiteral("n_"), 12).toLatin1();
        m_presence =
            std::make_unique<RedisPresence>(m_redis.get(), nodeId, m_config.presenceGraceMs);
        m_fanout = std::make_unique<RedisRoomFanout>(m_redis.get(), m_feed.get(), m_presence.get(),
                                                     nodeId);
    } else
        m_fanout = std::make_unique<LocalRoomFanout>();
    m_identity = std::make_unique<IdentityService>(tokenSecret, m_config.tokenTtlSeconds);
    m_service = std::make_unique<ChatService>(ServerSettings::chat(m_config), m_store.get(),
                                              m_fanout.get(), m_identity.get(), m_metrics.get());
    if (m_presence)
        m_service->rooms().setMemberDirectory(m_presence.get());
    m_gateway = std::make_unique<Gateway>(m_service.get(), m_channels.get(), m_metrics.get(),
                                          ServerSettings::gateway(m_config));
    m_httpApi = std::make_unique<HttpApi>(m_service.get(), m_metrics.get());
    if (m_feed) {
        const RedisRoomFeed* feed = m_feed.get();
        m_httpApi->setReadiness([feed] { return feed->isSynced(); });
    }
    if (m_config.webClient) {
        m_webFiles = std::make_unique<WebClientFiles>();
        if (m_webFiles->fileCount() == 0)
            qCWarning(lcServer) << "the web client's files are missing from this build";
    }
    Gateway* gateway = m_gateway.get();
    m_polling = std::make_unique<PollingSessions>(
        ServerSettings::connectionLimits(m_config),
        [gateway](ClientConnection* connection) { gateway->adoptSocketIo(connection); });
    ServerMetrics* metrics = m_metrics.get();
    connect(m_polling.get(), &PollingSessions::sessionOpened, this, [metrics] {
        ++metrics->pollingSessionsTotal;
        ++metrics->pollingSessions;
    });
    connect(m_polling.get(), &PollingSessions::sessionUpgraded, this, [metrics] {
        ++metrics->upgradesTotal;
        --metrics->pollingSessions;
    });
    connect(m_polling.get(), &PollingSessions::sessionClosed, this, [metrics](bool onPolling) {
        if (onPolling)
            --metrics->pollingSessions;
    });
}

bool ChatServer::listenFrontDoor(const QHostAddress& address, const QSslConfiguration& tls,
                                 QString* error)
{
    const HttpApi* api = m_httpApi.get();
    const WebClientFiles* web = m_webFiles.get();
    const PollingSessions* polling = m_polling.get();
    const auto route = [api, web, polling](const HttpRequest& request) {
        using Route = HttpFrontDoor::Route;
        if (request.path == QLatin1String("/socket.io/") ||
            request.path == QLatin1String("/socket.io"))
            return ChatRoutes::engineIo(request, polling);
        if (request.path == QLatin1String("/ws"))
            return Route::upgrade(ChatRoutes::JsonEndpoint);
        if (request.method != "GET")
            return Route::respond(HttpResponse::methodNotAllowed("GET"));
        if (web) {
            if (std::optional<HttpResponse> file = web->serve(request))
                return Route::respond(std::move(*file));
        }
        return Route::respond(api->handle(request));
    };
    m_frontDoor = std::make_unique<HttpFrontDoor>(m_config.handshakeTimeoutMs,
                                                  m_config.maxRequestHeadBytes, route);
    connect(m_frontDoor.get(), &HttpFrontDoor::webSocketAccepted, this,
            &ChatServer::onWebSocketAccepted);
    m_frontDoor->setUpgradeHandler([this](const HttpFrontDoor::Upgrade& upgrade) -> QObject* {
        NativeWebSocketConnection* connection =
            m_ioPool->adopt(upgrade.fd, upgrade.peer, upgrade.response);
        QPointer<NativeWebSocketConnection> guard(connection);
        // Connects to it, or drops it (shutting down).
        if (upgrade.endpoint == ChatRoutes::UpgradeEndpoint)
            m_polling->upgrade(upgrade.request.queryValue(QStringLiteral("sid")), connection);
        else if (upgrade.endpoint == ChatRoutes::JsonEndpoint)
            m_gateway->adoptJson(connection,
                                 JsonPeer::Query::fromItems(upgrade.request.queryItems));
        else
            m_gateway->adoptSocketIo(connection);
        if (guard)
            m_ioPool->startReading(connection, upgrade.input);
        return connection;
    });
    m_frontDoor->setExchangeHandler(
        [this](HttpExchange* exchange, int) { return m_polling->handle(exchange); });
    m_frontDoor->setMaxBodyBytes(m_config.maxPayloadBytes);
    const BanList* bans = m_bans.get();
    ServerMetrics* metrics = m_metrics.get();
    m_frontDoor->setPeerFilter([bans, metrics](const QHostAddress& peer) {
        if (bans->isEmpty() || !bans->isBanned(peer))
            return false;
        metrics->countRefused("banned");
        return true;
    });
    if (!m_config.tlsCertFile.isEmpty())
        m_frontDoor->setTlsConfiguration(tls);
    m_frontDoor->setOriginPolicy(OriginPolicy(m_config.allowedOrigins));
    m_frontDoor->setRefusalCounter(
        [metrics](const QByteArray& reason) { metrics->countRefused(reason); });
    m_frontDoor->setAdmission(m_admission.get());
    TrustedProxies proxies;
    if (!TrustedProxies::parse(m_config.trustedProxies, &proxies, error)) {
        *error = QStringLiteral("--trusted-proxies: ") + *error;
        return false;
    }
    m_frontDoor->setTrustedProxies(proxies);
    // Connections still in their handshake are bounded like live ones.
    m_frontDoor->setMaxPendingHandshakes(m_config.maxConnections);
    if (!m_frontDoor->listen(address, m_config.port)) {
        *error = QStringLiteral("cannot listen on %1:%2: %3")
                     .arg(m_config.host)
                     .arg(m_config.port)
                     .arg(m_frontDoor->errorString());
        return false;
    }
    return true;
}

bool ChatServer::listenAdmin(QString* error)
{
    QHostAddress address;
    if (!address.setAddress(m_config.adminHost)) {
        *error =
            QStringLiteral("--admin-listen: '%1' is not an IP address").arg(m_config.adminHost);
        return false;
    }
    m_adminApi = std::make_unique<AdminApi>(m_config.adminToken, m_service.get(), m_store.get(),
                                            m_bans.get(), m_banStore.get());
    m_adminServer = std::make_unique<AdminServer>(m_adminApi.get());
    if (!m_adminServer->listen(address, m_config.adminPort)) {
        *error = QStringLiteral("cannot listen on %1:%2 (admin API): %3")
                     .arg(m_config.adminHost)
                     .arg(m_config.adminPort)
                     .arg(m_adminServer->errorString());
        m_adminServer.reset();
        m_adminApi.reset();
        return false;
    }
    return true;
}

quint16 ChatServer::port() const
{
    return m_frontDoor ? m_frontDoor->serverPort() : 0;
}

quint16 ChatServer::adminPort() const
{
    return m_adminServer ? m_adminServer->serverPort() : 0;
}

void ChatServer::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    if (!m_service) {
        QMetaObject::invokeMethod(this, &ChatServer::finished, Qt::QueuedConnection);
        return;
    }
    m_frontDoor->close();
    if (m_adminServer)
        m_adminServer->close();
    connect(m_service.get(), &ChatService::drained, this, [this] {
        m_store->flush([this] {
            qCInfo(lcServer) << "shutdown complete";
            Q_EMIT finished();
        });
    });
    m_service->shutdown();
}

void ChatServer::onWebSocketAccepted(QWebSocket* socket, QTcpSocket* transport, int endpoint,
                                     const QHostAddress& client)
{
    auto* connection = new QtWebSocketConnection(
        socket, transport, ServerSettings::connectionLimits(m_config), client);
    switch (endpoint) {
    case ChatRoutes::SocketIoEndpoint:
        m_gateway->adoptSocketIo(connection);
        return;
    case ChatRoutes::JsonEndpoint:
        m_gateway->adoptJson(connection,
                             JsonPeer::Query::fromItems(
                                 QUrlQuery(socket->requestUrl()).queryItems(QUrl::FullyDecoded)));
        return;
    case ChatRoutes::UpgradeEndpoint:
        m_polling->upgrade(QUrlQuery(socket->requestUrl())
                               .queryItemValue(QStringLiteral("sid"), QUrl::FullyDecoded),
                           connection);
        return;
    }
    connection->deleteLater(); // cannot happen: every upgrade route names an endpoint
}
