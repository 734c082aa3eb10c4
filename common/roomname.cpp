#include "roomname.h"

#include <QChar>
#include <QList>

namespace {

bool isAllowed(char32_t cp)
{
    switch (QChar::category(cp)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
        return true;
    default:
        return cp == U'-' || cp == U'_' || cp == U'.';
    }
}

} // namespace

bool RoomName::canonicalize(QStringView input, QString* canonical, QString* reason)
{
    // NFC first, so that a name typed with combining accents ("cafe" + U+0301) is the same
    // room as its precomposed form, and is allowed where the precomposed letter is.
    const QString normalized = input.trimmed().toString().normalized(QString::NormalizationForm_C);
    const QStringView trimmed = normalized;
    if (trimmed.isEmpty()) {
        *reason = QStringLiteral("room name is empty");
        return false;
    }
    QString result;
    result.reserve(trimmed.size());
    // toUcs4() turns lone surrogates into U+FFFD, which is not an allowed character.
    const QList<uint> codePoints = trimmed.toUcs4();
    if (codePoints.size() > MaxCodePoints) {
        *reason = QStringLiteral("room name is longer than 64 characters");
        return false;
    }
    for (const uint cp : codePoints) {
        if (!isAllowed(cp)) {
            *reason =
                QStringLiteral("room name may contain only letters, digits, '-', '_' and '.'");
            return false;
        }
        // QChar::toLower() leaves U+0130 alone because its full lower-casing has two code
        // points; its simple lower-case mapping (UnicodeData.txt) is U+0069.
        const char32_t lower = cp == 0x0130 ? U'i' : QChar::toLower(cp);
        if (QChar::requiresSurrogates(lower)) {
            result.append(QChar(QChar::highSurrogate(lower)));
            result.append(QChar(QChar::lowSurrogate(lower)));
        } else {
            result.append(QChar(static_cast<char16_t>(lower)));
        }
    }
    *canonical = result;
    return true;
}

bool RoomName::isValid(QStringView input)
{
    QString canonical;
    QString reason;
    return canonicalize(input, &canonical, &reason);
}
