#pragma once

#include "sessioninfo.h"
#include "tokensigner.h"

#include <QJsonObject>

/**
 * Anonymous identities (shared protocol, "Identity"): resumes the identity of a valid
 * token from the CONNECT auth object, or creates a new one. Every session gets a freshly
 * signed token, so an identity in use never expires.
 */
class IdentityService
{
public:
    /**
     * @param secret     the HMAC key shared by all nodes (TokenSigner::SecretBytes bytes).
     * @param ttlSeconds lifetime of issued tokens, s.
     */
    IdentityService(const QByteArray& secret, qint64 ttlSeconds);

    /**
     * The identity for a CONNECT.
     * @param auth    the CONNECT data (`{"token":"..."}`, `{}`, or empty). A missing,
     *                non-string, garbled, forged or expired token is not an error: a new
     *                identity (resumed false) is returned.
     * @param nowSecs current Unix time, seconds.
     */
    SessionInfo resolve(const QJsonObject& auth, qint64 nowSecs) const;

private:
    TokenSigner m_signer;
    qint64 m_ttlSeconds;
};
