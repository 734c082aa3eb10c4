#pragma once

#include <QString>

/// A throw-away TLS certificate for the tests, made with the openssl command-line tool.
namespace TestCertificate {

/**
 * Writes a self-signed P-256 certificate for localhost and 127.0.0.1, valid two days, to
 * @p certPath (PEM) and its private key to @p keyPath (PEM).
 * @return empty on success, else what openssl said.
 */
QString create(const QString& certPath, const QString& keyPath);

} // namespace TestCertificate
