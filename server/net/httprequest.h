#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

/**
 * One HTTP/1.x request as the front door sees it (RFC 9112, "Message Format"): request
 * line and header fields (parseHead()), and the body when HttpConnection read one
 * (Content-Length only). Pure value type: no I/O.
 */
struct HttpRequest
{
    QByteArray method;   ///< e.g. "GET" (case-sensitive, as RFC 9110 says)
    QByteArray target;   ///< origin-form request target, e.g. "/socket.io/?EIO=4"
    bool http10 = false; ///< request line says HTTP/1.0 (no keep-alive by default)
    QString path;        ///< target before '?', percent-decoded
    /// The parameters of the target's query (after '?') in order, percent-decoded with '+'
    /// as space (parseHead()).
    QList<std::pair<QString, QString>> queryItems;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< names lower-cased, values trimmed
    /// The body, Content-Length bytes (HttpConnection; empty when bodyTooLarge).
    QByteArray body;
    /// Content-Length over HttpConnection's body limit: body not read, connection closes.
    bool bodyTooLarge = false;

    /// Result of parseHead().
    enum class Parse {
        Complete,   ///< @p out is filled
        Incomplete, ///< no blank line yet: wait for more bytes
        Invalid,    ///< malformed: answer 400
        TooLarge,   ///< head over the size limit: answer 431
    };

    /**
     * Parses a request head from the start of @p bytes (which may hold more than the head).
     * Strict: request line `METHOD SP origin-form SP HTTP/1.0|1.1` with CRLF line ends, a
     * token method, a target starting with '/', printable ASCII only; header lines
     * `name: value` with token names and no obsolete line folding.
     * @param maxHeadBytes largest accepted head including the blank line, in bytes; with
     *                     no blank line within it, TooLarge.
     * @param headBytes    on Complete, the length of the head in bytes.
     */
    static Parse parseHead(QByteArrayView bytes, qsizetype maxHeadBytes, HttpRequest* out,
                           qsizetype* headBytes);

    /// Value of the first header named @p lowerCaseName, or a null QByteArray.
    QByteArray header(QByteArrayView lowerCaseName) const;

    /**
     * Value of the first query parameter @p key (percent-decoded, '+' as space), or a null
     * QString when absent. Parameters are matched by key in any order (shared protocol,
     * "Transport").
     */
    QString queryValue(const QString& key) const;
};
