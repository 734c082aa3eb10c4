#include "identityservice.h"

#include "handlegenerator.h"
#include "randomid.h"

IdentityService::IdentityService(const QByteArray& secret, qint64 ttlSeconds)
    : m_signer(secret)
    , m_ttlSeconds(ttlSeconds)
{}

SessionInfo IdentityService::resolve(const QString& token, qint64 nowSecs) const
{
    SessionInfo info;
    if (!token.isEmpty() && m_signer.verify(token, nowSecs, &info.userId)) {
        info.resumed = true;
    } else {
        // 16 base62 characters: ~95 bits, collisions are not a concern.
        info.userId = RandomId::generate(QStringLiteral("u_"), 16);
        info.resumed = false;
    }
    info.handle = HandleGenerator::handleFor(info.userId);
    info.token = m_signer.sign(info.userId, nowSecs + m_ttlSeconds);
    return info;
}
