#pragma once

#include "adminapi.h"
#include "banlist.h"
#include "inprocesschat.h"
#include "memorymessagestore.h"

#include <memory>

/// An AdminApi over the in-process chat core, for the admin unit suites.
struct AdminFixture
{
    static constexpr const char* Token = "an-admin-token-of-reasonable-length";

    explicit AdminFixture(BanStore* banStore = nullptr)
        : api(QString::fromLatin1(Token), chat.service.get(), &store, &bans, banStore)
    {}

    /// A request @p method @p path, with the admin token unless @p authorization is given.
    static HttpRequest request(const QByteArray& method, const QString& path,
                               const QByteArray& authorization = QByteArray("Bearer ") + Token)
    {
        HttpRequest request;
        request.method = method;
        request.target = path.toUtf8();
        request.path = path;
        if (!authorization.isNull())
            request.headers.append({"authorization", authorization});
        return request;
    }

    MemoryMessageStore store{100};
    InProcessChat chat{&store};
    BanList bans;
    AdminApi api;
};
