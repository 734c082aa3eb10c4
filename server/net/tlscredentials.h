#pragma once

#include <QSslConfiguration>
#include <QString>

/**
 * Loads the server's TLS certificate and private key (`--tls-cert`, `--tls-key`) into a
 * QSslConfiguration for the front door: TLS 1.2 or later, no client certificates.
 */
class TlsCredentials
{
public:
    /**
     * @param certPath PEM file: the server certificate first, then any intermediate
     *                 certificates of its chain.
     * @param keyPath  PEM file with the unencrypted private key (RSA or EC) of the
     *                 certificate.
     * @param out      receives the configuration on success.
     * @param error    on failure one line: no TLS support in this Qt, unreadable file, no
     *                 certificate in it, key unreadable or of an unsupported type, key not
     *                 matching the certificate.
     * @return false on failure.
     */
    static bool load(const QString& certPath, const QString& keyPath, QSslConfiguration* out,
                     QString* error);
};
