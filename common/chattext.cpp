#include "chattext.h"

#include <QChar>

qsizetype ChatText::codePointCount(QStringView text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

bool ChatText::hasLoneSurrogate(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate()) {
            if (i + 1 >= text.size() || !text[i + 1].isLowSurrogate())
                return true;
            ++i;
        } else if (text[i].isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

bool ChatText::isBlank(QStringView text)
{
    // Every White_Space code point is in the BMP, so UTF-16 units suffice here.
    for (QChar c : text) {
        if (!c.isSpace())
            return false;
    }
    return true;
}

QString ChatText::sanitized(const QString& text)
{
    QString kept;
    kept.reserve(text.size());
    for (const QChar c : text) {
        // Every Cc code point is in the BMP: UTF-16 units suffice.
        if (c.category() == QChar::Other_Control && c != u'\n' && c != u'\t')
            continue;
        kept.append(c);
    }
    return kept.normalized(QString::NormalizationForm_C);
}
