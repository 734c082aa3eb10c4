#include "jsonwriter.h"

#include "jsontext.h"

#include <boost/json/serializer.hpp>
#include <charconv>

JsonWriter::JsonWriter(QByteArray* out)
    : m_out(out)
{}

void JsonWriter::separate()
{
    if (!m_first)
        m_out->append(',');
    m_first = false;
}

void JsonWriter::beginObject()
{
    separate();
    m_out->append('{');
    m_first = true;
}

void JsonWriter::endObject()
{
    m_out->append('}');
    m_first = false;
}

void JsonWriter::beginArray()
{
    separate();
    m_out->append('[');
    m_first = true;
}

void JsonWriter::endArray()
{
    m_out->append(']');
    m_first = false;
}

void JsonWriter::key(QLatin1StringView name)
{
    separate();
    m_out->append('"');
    m_out->append(name.data(), name.size());
    m_out->append("\":", 2);
    m_first = true; // the value that follows takes no comma
}

namespace {

/// Whether @p text holds a surrogate without its pair (not valid UTF-16, no UTF-8 for it).
bool hasLoneSurrogate(const QString& text)
{
    const QChar* it = text.constData();
    const QChar* const end = it + text.size();
    for (; it != end; ++it) {
        if (!it->isSurrogate())
            continue;
        if (it->isLowSurrogate() || it + 1 == end || !(it + 1)->isLowSurrogate())
            return true;
        ++it;
    }
    return false;
}

} // namespace

void JsonWriter::string(const QString& text)
{
    separate();
    if (hasLoneSurrogate(text)) {
        // QJsonDocument writes a lone surrogate as a \uXXXX escape; UTF-8 has no form for
        // it. Rare (a client's own invalid escape), so QJson writes the whole string.
        m_out->append(JsonText::string(text));
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    // One serializer per thread: it keeps its small state between calls, no allocation.
    thread_local boost::json::serializer serializer;
    serializer.reset(boost::json::string_view(utf8.constData(), std::size_t(utf8.size())));
    char buffer[512];
    while (!serializer.done()) {
        const boost::json::string_view written = serializer.read(buffer, sizeof buffer);
        m_out->append(written.data(), qsizetype(written.size()));
    }
}

void JsonWriter::asciiString(QLatin1StringView text)
{
    separate();
    m_out->append('"');
    m_out->append(text.data(), text.size());
    m_out->append('"');
}

void JsonWriter::integer(qint64 number)
{
    separate();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    m_out->append(digits, qsizetype(end - digits));
}

void JsonWriter::boolean(bool value)
{
    separate();
    if (value)
        m_out->append("true", 4);
    else
        m_out->append("false", 5);
}

void JsonWriter::null()
{
    separate();
    m_out->append("null", 4);
}

void JsonWriter::raw(const QByteArray& json)
{
    separate();
    m_out->append(json);
}

QByteArray JsonWriter::quoted(const QString& text)
{
    QByteArray out;
    JsonWriter(&out).string(text);
    return out;
}
