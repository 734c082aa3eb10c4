#pragma once

#include <QString>
#include <QStringView>

/**
 * Text rules shared by the server's validation and the client's input checks.
 * Lengths are Unicode code points (a surrogate pair counts once). Blank means only
 * Unicode White_Space. Source: shared protocol, "Text".
 */
class ChatText
{
public:
    /// Longest message text, in code points.
    static constexpr int MaxMessageCodePoints = 4000;

    /// Number of code points in @p text; a lone surrogate counts as one.
    static qsizetype codePointCount(QStringView text);
    /// True when @p text contains a high surrogate not followed by a low one, or a stray low one.
    static bool hasLoneSurrogate(QStringView text);
    /// True when @p text is empty or every code point is White_Space.
    static bool isBlank(QStringView text);
    /**
     * The server's text hygiene for message text (docs/security.md, "Text hygiene"):
     * removes control characters (Unicode Cc: U+0000-U+001F, U+007F-U+009F) except
     * newline U+000A and tab U+0009 (so "a\r\nb" becomes "a\nb"), then normalizes to
     * Unicode NFC. Other characters, format characters (Cf) included, are kept.
     * @p text must have no lone surrogates (check hasLoneSurrogate() first).
     * Length and blank checks apply to the result.
     */
    static QString sanitized(const QString& text);
};
