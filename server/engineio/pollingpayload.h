#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

/**
 * The body of an Engine.IO v4 long-polling request or answer: text packets joined by the
 * record separator 0x1E (Engine.IO v4 protocol, "HTTP long-polling", payload encoding).
 * Binary packets (`b` + base64) are not supported by the chat protocol and come through as
 * text packets that the session refuses.
 */
class PollingPayload
{
public:
    /// The separator between two packets of one payload.
    static constexpr char RecordSeparator = '\x1e';

    /**
     * Splits a POST body into its packets, in order (an empty body is one empty packet, as
     * the session then answers it). @return false, with @p error set, when @p body is not
     * UTF-8: the whole body is refused and @p packets is left empty.
     */
    static bool decode(const QByteArray& body, QList<QByteArray>* packets, QString* error);

    /// @p packets joined with RecordSeparator: the body of a GET answer.
    static QByteArray encode(const QList<QByteArray>& packets);
};
