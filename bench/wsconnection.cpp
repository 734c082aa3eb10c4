#include "wsconnection.h"

namespace {

void appendHeader(std::string& out, uint8_t opcode, size_t length)
{
    char header[14];
    size_t size = 0;
    header[size++] = char(0x80 | opcode); // FIN
    if (length < 126) {
        header[size++] = char(0x80 | length);
    } else if (length < 65536) {
        header[size++] = char(0x80 | 126);
        header[size++] = char(length >> 8);
        header[size++] = char(length);
    } else {
        header[size++] = char(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            header[size++] = char(uint64_t(length) >> shift);
    }
    for (int i = 0; i < 4; ++i)
        header[size++] = 0; // masking key 0: payload bytes stay as they are
    out.append(header, size);
}

} // namespace

void WsConnection::queueText(std::string_view payload)
{
    appendHeader(out, 0x1, payload.size());
    out.append(payload);
}

void WsConnection::queuePong(std::string_view payload)
{
    appendHeader(out, 0xA, payload.size());
    out.append(payload);
}

WsConnection::Parse WsConnection::parseFrame(std::string_view data, size_t* consumed, int* opcode,
                                             bool* fin, std::string_view* payload)
{
    if (data.size() < 2)
        return Parse::NeedMore;
    const auto byte0 = uint8_t(data[0]);
    const auto byte1 = uint8_t(data[1]);
    if (byte1 & 0x80)
        return Parse::Error; // a server must not mask
    size_t header = 2;
    uint64_t length = byte1 & 0x7f;
    if (length == 126) {
        if (data.size() < 4)
            return Parse::NeedMore;
        length = (uint64_t(uint8_t(data[2])) << 8) | uint8_t(data[3]);
        header = 4;
    } else if (length == 127) {
        if (data.size() < 10)
            return Parse::NeedMore;
        length = 0;
        for (int i = 2; i < 10; ++i)
            length = (length << 8) | uint8_t(data[size_t(i)]);
        header = 10;
    }
    if (length > (uint64_t(1) << 31))
        return Parse::Error;
    if (data.size() < header + length)
        return Parse::NeedMore;
    *opcode = byte0 & 0x0f;
    *fin = (byte0 & 0x80) != 0;
    *payload = data.substr(header, size_t(length));
    *consumed = header + size_t(length);
    return Parse::Frame;
}
