#include "pollingpayload.h"

#include <QStringDecoder>

bool PollingPayload::decode(const QByteArray& body, QList<QByteArray>* packets, QString* error)
{
    packets->clear();
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    // decode() is lazy: only the conversion to QString runs the decoder and sets hasError().
    [[maybe_unused]] const QString decoded = decoder.decode(body);
    if (decoder.hasError()) {
        *error = QStringLiteral("polling payload is not UTF-8");
        return false;
    }
    qsizetype start = 0;
    while (start <= body.size()) {
        qsizetype end = body.indexOf(RecordSeparator, start);
        if (end < 0)
            end = body.size();
        packets->append(body.mid(start, end - start));
        start = end + 1;
    }
    return true;
}

QByteArray PollingPayload::encode(const QList<QByteArray>& packets)
{
    return packets.join(RecordSeparator);
}
