#include "testcertificate.h"

#include <QProcess>

TestCertificate::TestCertificate()
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), keyPath(), QStringLiteral("-out"), certPath(),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
    m_valid = m_dir.isValid() && openssl.waitForFinished(30000) &&
              openssl.exitStatus() == QProcess::NormalExit && openssl.exitCode() == 0;
    if (!m_valid)
        qWarning("openssl could not make a test certificate: %s",
                 openssl.readAllStandardError().constData());
}
