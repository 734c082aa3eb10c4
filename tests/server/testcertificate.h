#pragma once

#include <QString>
#include <QTemporaryDir>

/**
 * A self-signed certificate for 127.0.0.1 and localhost (EC P-256, valid two days) and its
 * key, made with the openssl command-line tool in a temporary directory, for the tests
 * that run the server with --tls-cert/--tls-key.
 */
class TestCertificate
{
public:
    /// Makes the pair; check isValid() (false, with a warning, when openssl failed).
    TestCertificate();

    /**
     * Writes such a pair to @p certPath (PEM) and @p keyPath (PEM).
     * @return empty on success, else what openssl said.
     */
    static QString create(const QString& certPath, const QString& keyPath);

    bool isValid() const { return m_valid; }
    QString certPath() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString keyPath() const { return m_dir.filePath(QStringLiteral("key.pem")); }

private:
    QTemporaryDir m_dir;
    bool m_valid = false;
};
