#pragma once

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
};
