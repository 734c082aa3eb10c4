#include "textstamp.h"

std::string TextStamp::format(int64_t sentNs, int64_t seq)
{
    return std::to_string(sentNs) + ':' + std::to_string(seq);
}

bool TextStamp::parse(std::string_view text, int64_t* sentNs, int64_t* seq)
{
    int64_t values[2] = {0, 0};
    int field = 0;
    bool digits = false;
    for (char ch : text) {
        if (ch >= '0' && ch <= '9') {
            values[field] = values[field] * 10 + (ch - '0');
            digits = true;
        } else if (ch == ':' && field == 0 && digits) {
            field = 1;
            digits = false;
        } else {
            return false;
        }
    }
    if (field != 1 || !digits)
        return false;
    *sentNs = values[0];
    *seq = values[1];
    return true;
}
