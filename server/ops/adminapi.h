#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QString>

class BanList;
class BanStore;
class ChatService;
class MessageStore;
class ServerMetrics;

/**
 * The admin HTTP API (docs/operations.md, "Admin API"), served by AdminServer on its own
 * address. Every request needs `Authorization: Bearer <admin token>`, compared in constant
 * time; without it or with a wrong one: 401. JSON in and out; errors are
 * `{"ok":false,"error":{"code":"...","message":"..."}}`.
 *
 * | request | body | answer |
 * |---|---|---|
 * | GET /admin/rooms | | `{"ok":true,"rooms":[{"room","members","last_activity","last_seq"}]}` |
 * | GET /admin/connections | | `{"ok":true,"connections":[ChatService::connectionList()]}` |
 * | POST /admin/rooms/purge | `{"room":"lobby"}` | `{"ok":true,"room":"lobby","last_seq":57}` |
 * | POST /admin/users/disconnect | `{"user_id":"u_..."}` | `{"ok":true,"user_id","disconnected":2}`
 * | | GET /admin/bans | | `{"ok":true,"bans":["203.0.113.0/24"],"details":[{"cidr","expires_at"}]}`
 * | | POST /admin/bans | `{"cidr":"203.0.113.0/24","ttl_seconds"?:3600}` |
 * `{"ok":true,"cidr","expires_at","dropped":1}` | | DELETE /admin/bans |
 * `{"cidr":"203.0.113.0/24"}` | `{"ok":true,"cidr"}`, 404 when not banned |
 *
 * Ban changes are kept by the BanStore (they survive a restart); `expires_at` is null for a
 * ban without ttl_seconds.
 */
class AdminApi
{
public:
    /**
     * All pointers must outlive the API.
     * @param token the admin token (ServerConfig::adminToken); only its SHA-256 is kept.
     */
    AdminApi(const QString& token, ChatService* service, MessageStore* store, BanList* bans,
             BanStore* banStore = nullptr);

    /// Answers one complete request; @p body is its content (Content-Length bytes).
    HttpResponse handle(const HttpRequest& request, const QByteArray& body);

    /// True when the request's `Authorization: Bearer` token is the admin token.
    bool isAuthorized(const HttpRequest& request) const;

    /// `{"ok":false,"error":{"code":@p code,"message":@p message}}` with HTTP @p status.
    static HttpResponse error(int status, const char* code, const QString& message);

private:
    HttpResponse rooms() const;
    HttpResponse purgeRoom(const QJsonObject& body);
    HttpResponse disconnectUser(const QJsonObject& body);
    HttpResponse addBan(const QJsonObject& body);
    HttpResponse removeBan(const QJsonObject& body);

    QByteArray m_tokenHash;
    ChatService* m_service;
    MessageStore* m_store;
    BanList* m_bans;
    BanStore* m_banStore; ///< may be null: bans are not kept
};
