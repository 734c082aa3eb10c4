#pragma once

#include "sessioninfo.h"
#include "tokensigner.h"

#include <QString>

/**
 * Anonymous identities (shared protocol, "Identity"): resumes the identity of a valid
 * token (from a CONNECT's auth object, or the `token` query parameter of /ws), or creates a
 * new one. Every session gets a freshly
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
     * The identity for a new session.
     * @param token   the resume token the client sent; empty when none. A garbled, forged
     *                or expired token is not an error: a new identity (resumed false) is
     *                returned.
     * @param nowSecs current Unix time, seconds.
     */
    SessionInfo resolve(const QString& token, qint64 nowSecs) const;

private:
    TokenSigner m_signer;
    qint64 m_ttlSeconds;
};
