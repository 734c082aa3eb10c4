#include "outboxentry.h"

#include "chattext.h"

#include <QCoreApplication>

// The strings keep the translation context "Outbox", where they were written first.
QString OutboxEntry::refusal(const QString& text)
{
    if (ChatText::isBlank(text))
        return QCoreApplication::translate("Outbox", "The message is empty.");
    if (ChatText::codePointCount(text) > ChatText::MaxMessageCodePoints)
        return QCoreApplication::translate("Outbox", "The message is longer than %n character(s).",
                                           nullptr, ChatText::MaxMessageCodePoints);
    if (ChatText::hasLoneSurrogate(text))
        return QCoreApplication::translate("Outbox", "The message contains invalid characters.");
    return {};
}
