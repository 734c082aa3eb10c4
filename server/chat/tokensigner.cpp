#include "tokensigner.h"

#include "chatlogging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace {

constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool decodeBase64Url(QByteArrayView text, QByteArray* out)
{
    auto result = QByteArray::fromBase64Encoding(
        text.toByteArray(), Base64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return false;
    *out = *result;
    return true;
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    // Empty never matches: mac() is empty only when libcrypto failed.
    return !a.isEmpty() && a.size() == b.size() &&
           CRYPTO_memcmp(a.constData(), b.constData(), a.size()) == 0;
}

constexpr qsizetype MacBytes = 32; // SHA-256

std::shared_ptr<EVP_MAC_CTX> keyedHmacSha256(const QByteArray& secret)
{
    EVP_MAC* hmac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
    std::shared_ptr<EVP_MAC_CTX> context(hmac ? EVP_MAC_CTX_new(hmac) : nullptr, EVP_MAC_CTX_free);
    EVP_MAC_free(hmac); // the context keeps its own reference
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    if (!context ||
        !EVP_MAC_init(context.get(), reinterpret_cast<const unsigned char*>(secret.constData()),
                      size_t(secret.size()), params))
        qFatal("libcrypto has no HMAC-SHA256");
    return context;
}

bool isBase62(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

} // namespace

TokenSigner::TokenSigner(const QByteArray& secret)
    : m_keyed(keyedHmacSha256(secret))
{}

QString TokenSigner::sign(const QString& userId, qint64 expiresAtSecs) const
{
    const QByteArray payload = "v1." + userId.toLatin1() + '.' + QByteArray::number(expiresAtSecs);
    return QString::fromLatin1(payload.toBase64(Base64Url) + '.' +
                               mac(payload).toBase64(Base64Url));
}

bool TokenSigner::verify(const QString& token, qint64 nowSecs, QString* userId) const
{
    if (token.size() > 256)
        return false;
    const QByteArray bytes = token.toLatin1();
    const QList<QByteArray> parts = bytes.split('.');
    QByteArray payload;
    QByteArray signature;
    if (parts.size() != 2 || !decodeBase64Url(parts[0], &payload) ||
        !decodeBase64Url(parts[1], &signature) || !constantTimeEquals(signature, mac(payload)))
        return false;
    const QList<QByteArray> fields = payload.split('.');
    if (fields.size() != 3 || fields[0] != "v1")
        return false;
    bool ok = false;
    const qint64 expiry = fields[2].toLongLong(&ok);
    const QString id = QString::fromLatin1(fields[1]);
    if (!ok || expiry <= nowSecs || !isValidUserId(id))
        return false;
    *userId = id;
    return true;
}

bool TokenSigner::loadOrCreateSecret(const QString& dataDir, QByteArray* secret, QString* error)
{
    if (!QDir().mkpath(dataDir)) {
        *error = QStringLiteral("cannot create data directory %1").arg(dataDir);
        return false;
    }
    const QString path = QDir(dataDir).filePath(QStringLiteral("token-secret.key"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::NewOnly,
                  QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        const QByteArray fresh = randomSecret();
        if (file.write(fresh) != fresh.size() || !file.flush()) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            file.remove();
            return false;
        }
        qCInfo(lcIdentity) << "created a new token secret in" << dataDir;
        *secret = fresh;
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray stored = file.read(SecretBytes + 1);
    if (stored.size() != SecretBytes) {
        *error = QStringLiteral("%1 does not hold a %2-byte secret").arg(path).arg(SecretBytes);
        return false;
    }
    *secret = stored;
    return true;
}

bool TokenSigner::deriveSecretFromFile(const QString& path, QByteArray* secret, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray content = file.read(1 << 20).trimmed();
    if (content.size() < MinSecretFileBytes) {
        *error = QStringLiteral("%1 holds fewer than %2 bytes (e.g. openssl rand -hex 32 > FILE)")
                     .arg(path)
                     .arg(MinSecretFileBytes);
        return false;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData("chat-server token-secret-file v1\n");
    hash.addData(content);
    *secret = hash.result();
    return true;
}

QByteArray TokenSigner::randomSecret()
{
    QByteArray bytes(SecretBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()),
                                          SecretBytes / sizeof(quint32));
    return bytes;
}

bool TokenSigner::isValidUserId(QStringView userId)
{
    if (!userId.startsWith(u"u_") || userId.size() < 10 || userId.size() > 34)
        return false;
    for (QChar c : userId.sliced(2)) {
        if (!isBase62(c))
            return false;
    }
    return true;
}

QByteArray TokenSigner::mac(const QByteArray& payload) const
{
    // A copy of the keyed context: the key's pads are hashed once, in the constructor.
    const std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> context(
        EVP_MAC_CTX_dup(m_keyed.get()), EVP_MAC_CTX_free);
    QByteArray out(MacBytes, Qt::Uninitialized);
    size_t written = 0;
    if (!context ||
        !EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(payload.constData()),
                        size_t(payload.size())) ||
        !EVP_MAC_final(context.get(), reinterpret_cast<unsigned char*>(out.data()), &written,
                       size_t(out.size())) ||
        written != size_t(MacBytes))
        return {}; // out of memory: no token verifies, none is signed with a real MAC
    return out;
}
