#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// The text of a benchmark message: "<send time ns>:<sequence number>", digits only, so
/// that no server escapes it and every receiver can compute the latency.
class TextStamp
{
public:
    static std::string format(int64_t sentNs, int64_t seq);
    /// @return false when @p text is not a stamp.
    static bool parse(std::string_view text, int64_t* sentNs, int64_t* seq);
};
