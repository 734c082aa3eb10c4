#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

struct evp_mac_ctx_st;

/**
 * Signs and verifies resume tokens without server state (shared protocol, "Identity"):
 * `base64url("v1.<user_id>.<expiry>") "." base64url(HMAC-SHA256(secret, that payload))`,
 * expiry in Unix seconds. Any node holding the same secret accepts the token.
 *
 * The MAC is OpenSSL libcrypto's HMAC (EVP_MAC "HMAC" with SHA-256), keyed once in the
 * constructor and duplicated per token: about 10 000 instructions per MAC against 23 000
 * for QMessageAuthenticationCode, which re-derives the key pads every time (issue 17).
 * Copies share the keyed context, which is only read; sign() and verify() may run on
 * several threads at once.
 */
class TokenSigner
{
public:
    /// Secret size in bytes.
    static constexpr int SecretBytes = 32;

    /**
     * @param secret the HMAC key (SecretBytes random bytes; any length works).
     * Aborts (qFatal) only when libcrypto has no HMAC-SHA256, a broken installation.
     */
    explicit TokenSigner(const QByteArray& secret);

    /**
     * A token for @p userId valid until @p expiresAtSecs (Unix time, seconds).
     */
    QString sign(const QString& userId, qint64 expiresAtSecs) const;

    /**
     * Checks signature (constant-time compare), format and expiry.
     * @param nowSecs current Unix time, seconds.
     * @param userId  receives the identity on success.
     * @return false for anything garbled, forged or expired (never throws).
     */
    bool verify(const QString& token, qint64 nowSecs, QString* userId) const;

    /**
     * Reads `<dataDir>/token-secret.key`, creating it with SecretBytes random bytes from the
     * system CSPRNG and file mode 0600 on first start (the directory is created as needed).
     * @param error one line (path and reason) when the directory or file cannot be used, or
     *              the file does not hold SecretBytes bytes.
     */
    static bool loadOrCreateSecret(const QString& dataDir, QByteArray* secret, QString* error);

    /**
     * Derives the key from the content of @p path (--token-secret-file), so that every node
     * of a cluster given the same file signs and checks the same tokens: SHA-256 of a fixed
     * label and the content (leading and trailing whitespace ignored, so an editor's final
     * newline does not change the key).
     * @param error one line (path and reason) when the file cannot be read or holds fewer
     *              than MinSecretFileBytes bytes besides whitespace.
     */
    static bool deriveSecretFromFile(const QString& path, QByteArray* secret, QString* error);

    /// Least content of a --token-secret-file, bytes (e.g. `openssl rand -hex 32` is 64).
    static constexpr int MinSecretFileBytes = 16;

    /// SecretBytes fresh random bytes, for a server without a data directory.
    static QByteArray randomSecret();

    /// True for ids the server issues: "u_" followed by 8-32 base62 characters.
    static bool isValidUserId(QStringView userId);

private:
    /// HMAC-SHA256(secret, @p payload): 32 bytes.
    QByteArray mac(const QByteArray& payload) const;

    std::shared_ptr<evp_mac_ctx_st> m_keyed; ///< initialised with the key, never updated
};
