#include "testcertificate.h"

#include <QProcess>

QString TestCertificate::create(const QString& certPath, const QString& keyPath)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
    if (!openssl.waitForFinished(30000))
        return QStringLiteral("openssl did not finish");
    if (openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0)
        return QString::fromLocal8Bit(openssl.readAllStandardError());
    return QString();
}

TestCertificate::TestCertificate()
{
    const QString error =
        m_dir.isValid() ? create(certPath(), keyPath()) : QStringLiteral("no temporary directory");
    m_valid = error.isEmpty();
    if (!m_valid)
        qWarning("openssl could not make a test certificate: %s", qPrintable(error));
}
