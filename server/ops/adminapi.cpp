#include "adminapi.h"

#include "banlist.h"
#include "banstore.h"
#include "chatservice.h"
#include "messagestore.h"
#include "opslogging.h"
#include "roomname.h"
#include "timestamp.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace {

// The longest ban with an expiry: a year, s (longer ones: no ttl_seconds).
constexpr qint64 MaxBanSeconds = 365LL * 24 * 3600;

QByteArray sha256(QByteArrayView bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

/// Compares two equal-length digests without an early exit, so timing reveals nothing.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

HttpResponse ok(QJsonObject body)
{
    body.insert(QStringLiteral("ok"), true);
    return HttpResponse::json(200, body);
}

/// The string member @p key of @p body, or an error response in @p failure.
bool stringField(const QJsonObject& body, const char* key, QString* value, HttpResponse* failure)
{
    const QJsonValue field = body.value(QLatin1String(key));
    if (!field.isString() || field.toString().trimmed().isEmpty()) {
        *failure = AdminApi::error(
            400, "invalid_payload",
            QStringLiteral("'%1' must be a non-empty string").arg(QLatin1String(key)));
        return false;
    }
    *value = field.toString().trimmed();
    return true;
}

} // namespace

AdminApi::AdminApi(const QString& token, ChatService* service, MessageStore* store, BanList* bans,
                   BanStore* banStore)
    : m_tokenHash(sha256(token.toUtf8()))
    , m_service(service)
    , m_store(store)
    , m_bans(bans)
    , m_banStore(banStore)
{}

bool AdminApi::isAuthorized(const HttpRequest& request) const
{
    const QByteArray header = request.header("authorization");
    static constexpr QByteArrayView Scheme = "bearer ";
    if (header.size() <= Scheme.size() ||
        header.left(Scheme.size()).toLower() != Scheme.toByteArray())
        return false;
    // Digests of equal length, compared in constant time: neither the token's length nor
    // its first wrong byte shows in the response time.
    return constantTimeEquals(sha256(header.mid(Scheme.size()).trimmed()), m_tokenHash);
}

HttpResponse AdminApi::error(int status, const char* code, const QString& message)
{
    return HttpResponse::json(
        status, QJsonObject{{QStringLiteral("ok"), false},
                            {QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"), QString::fromLatin1(code)},
                                         {QStringLiteral("message"), message}}}});
}

HttpResponse AdminApi::handle(const HttpRequest& request, const QByteArray& body)
{
    if (!isAuthorized(request)) {
        qCInfo(lcAdmin) << "refused an unauthorized request";
        HttpResponse response =
            error(401, "unauthorized", QStringLiteral("a valid admin token is required"));
        response.extraHeaders.append(std::pair<QByteArray, QByteArray>(
            "WWW-Authenticate", "Bearer realm=\"chat-server admin\""));
        return response;
    }

    QJsonObject json;
    if (request.method == "POST" || request.method == "DELETE") {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (!document.isObject())
            return error(400, "invalid_payload", QStringLiteral("the body must be a JSON object"));
        json = document.object();
    }

    const QString& path = request.path;
    const auto route = [&](const char* method, const char* routePath) {
        return request.method == method && path == QLatin1String(routePath);
    };
    qCInfo(lcAdmin) << request.method.constData() << path;
    if (route("GET", "/admin/rooms"))
        return rooms();
    if (route("GET", "/admin/connections"))
        return ok({{QStringLiteral("connections"), m_service->connectionList()}});
    if (route("POST", "/admin/rooms/purge"))
        return purgeRoom(json);
    if (route("POST", "/admin/users/disconnect"))
        return disconnectUser(json);
    if (route("GET", "/admin/bans"))
        return ok({{QStringLiteral("bans"), QJsonArray::fromStringList(m_bans->ranges())},
                   {QStringLiteral("details"), m_bans->toJson()}});
    if (route("POST", "/admin/bans"))
        return addBan(json);
    if (route("DELETE", "/admin/bans"))
        return removeBan(json);
    const bool known =
        path == QLatin1String("/admin/rooms") || path == QLatin1String("/admin/connections") ||
        path == QLatin1String("/admin/rooms/purge") ||
        path == QLatin1String("/admin/users/disconnect") || path == QLatin1String("/admin/bans");
    return known ? error(405, "method_not_allowed", QStringLiteral("wrong method for this path"))
                 : error(404, "not_found", QStringLiteral("no such admin route"));
}

HttpResponse AdminApi::rooms() const
{
    QJsonArray rooms;
    for (const RoomSummary& summary : m_service->rooms().summaries()) {
        QJsonObject room = summary.toJson();
        room.insert(QStringLiteral("last_seq"), m_store->lastSeq(summary.room));
        rooms.append(room);
    }
    return ok({{QStringLiteral("rooms"), rooms}});
}

HttpResponse AdminApi::purgeRoom(const QJsonObject& body)
{
    QString name;
    HttpResponse failure;
    if (!stringField(body, "room", &name, &failure))
        return failure;
    QString room;
    QString reason;
    if (!RoomName::canonicalize(name, &room, &reason))
        return error(400, "invalid_room", reason);
    m_store->purgeRoom(room);
    qCInfo(lcAdmin) << "purged the history of a room";
    return ok(
        {{QStringLiteral("room"), room}, {QStringLiteral("last_seq"), m_store->lastSeq(room)}});
}

HttpResponse AdminApi::disconnectUser(const QJsonObject& body)
{
    QString userId;
    HttpResponse failure;
    if (!stringField(body, "user_id", &userId, &failure))
        return failure;
    const int count = m_service->kick(
        [&userId](const QString& user, const QHostAddress&) { return user == userId; },
        QStringLiteral("disconnected by admin"));
    qCInfo(lcAdmin) << "disconnected" << count << "connections of a user";
    return ok({{QStringLiteral("user_id"), userId}, {QStringLiteral("disconnected"), count}});
}

HttpResponse AdminApi::addBan(const QJsonObject& body)
{
    QString text;
    HttpResponse failure;
    if (!stringField(body, "cidr", &text, &failure))
        return failure;
    const QJsonValue ttl = body.value(QStringLiteral("ttl_seconds"));
    QDateTime expiresAt;
    if (!ttl.isUndefined() && !ttl.isNull()) {
        const double seconds = ttl.toDouble(-1);
        if (!ttl.isDouble() || seconds < 1 || seconds > MaxBanSeconds ||
            seconds != std::floor(seconds))
            return error(400, "invalid_ttl",
                         QStringLiteral("ttl_seconds must be a whole number of seconds from 1 "
                                        "to %1")
                             .arg(MaxBanSeconds));
        expiresAt = QDateTime::currentDateTimeUtc().addSecs(qint64(seconds));
    }
    QString cidr;
    if (!m_bans->add(text, &cidr, expiresAt))
        return error(
            400, "invalid_cidr",
            QStringLiteral("'%1' is not an address range like 203.0.113.0/24").arg(text.left(64)));
    if (m_banStore)
        m_banStore->save(*m_bans);
    const BanList* bans = m_bans;
    const int dropped = m_service->kick(
        [bans](const QString&, const QHostAddress& address) { return bans->isBanned(address); },
        QStringLiteral("banned"));
    qCInfo(lcAdmin) << "banned a range; dropped" << dropped << "connections";
    return ok({{QStringLiteral("cidr"), cidr},
               {QStringLiteral("expires_at"), expiresAt.isValid()
                                                  ? QJsonValue(Timestamp::format(expiresAt))
                                                  : QJsonValue(QJsonValue::Null)},
               {QStringLiteral("dropped"), dropped}});
}

HttpResponse AdminApi::removeBan(const QJsonObject& body)
{
    QString text;
    HttpResponse failure;
    if (!stringField(body, "cidr", &text, &failure))
        return failure;
    if (!m_bans->remove(text))
        return error(404, "not_found", QStringLiteral("that range is not banned"));
    if (m_banStore)
        m_banStore->save(*m_bans);
    qCInfo(lcAdmin) << "lifted a ban";
    return ok({{QStringLiteral("cidr"), text}});
}
