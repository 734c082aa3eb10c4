#pragma once

#include <QString>
#include <QStringView>

/**
 * Room name validation and canonical form. Source: shared protocol, "Rooms":
 * 1-64 code points after trimming surrounding White_Space; only letters (Unicode L*),
 * decimal digits (Nd), '-', '_' and '.'; compared after Unicode simple lower-casing,
 * which is the canonical form the server answers with. The name is normalized to Unicode
 * NFC before these rules apply (docs/security.md, "Text hygiene").
 */
class RoomName
{
public:
    /// Longest room name, in code points.
    static constexpr int MaxCodePoints = 64;

    /**
     * Validates @p input and computes its canonical form.
     * @param canonical receives the trimmed, NFC, simple-lower-cased name on success.
     * @param reason    on failure, a one-line English reason ("room name is empty",
     *                  "room name is longer than 64 characters", "room name may contain
     *                  only letters, digits, '-', '_' and '.'").
     * @return false when the name is invalid.
     */
    static bool canonicalize(QStringView input, QString* canonical, QString* reason);

    /// True when @p input is a valid room name.
    static bool isValid(QStringView input);
};
