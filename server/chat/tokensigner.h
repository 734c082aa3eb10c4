#pragma once

#include <QByteArray>
#include <QString>

/**
 * Signs and verifies resume tokens without server state (shared protocol, "Identity"):
 * `base64url("v1.<user_id>.<expiry>") "." base64url(HMAC-SHA256(secret, that payload))`,
 * expiry in Unix seconds. Any node holding the same secret accepts the token.
 */
class TokenSigner
{
public:
    /// Secret size in bytes.
    static constexpr int SecretBytes = 32;

    /// @param secret the HMAC key (SecretBytes random bytes).
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
    QByteArray mac(const QByteArray& payload) const;

    QByteArray m_secret;
};
