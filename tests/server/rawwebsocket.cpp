#include "rawwebsocket.h"

#include <QRandomGenerator>
#include <QTest>

RawWebSocket::RawWebSocket(QObject* parent)
    : QObject(parent)
{
    connect(&m_socket, &QTcpSocket::connected, this, [this] { m_socket.write(m_request); });
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawWebSocket::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_state != State::Refused)
            m_state = State::Closed;
        Q_EMIT progressed();
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_state == State::Connecting)
            m_state = State::Closed;
        Q_EMIT progressed();
    });
}

void RawWebSocket::start(quint16 port, const QList<QByteArray>& extraHeaderLines)
{
    QByteArray key(16, Qt::Uninitialized);
    for (char& c : key)
        c = char(QRandomGenerator::global()->bounded(256));
    m_request = "GET " + m_target +
                " HTTP/1.1\r\n"
                "Host: 127.0.0.1:" +
                QByteArray::number(port) +
                "\r\n"
                "Upgrade: websocket\r\n"
                "Connection: Upgrade\r\n"
                "Sec-WebSocket-Version: 13\r\n"
                "Sec-WebSocket-Key: " +
                key.toBase64() + "\r\n";
    for (const QByteArray& line : extraHeaderLines)
        m_request += line + "\r\n";
    m_request += "\r\n";
    m_state = State::Connecting;
    m_socket.connectToHost(QHostAddress::LocalHost, port);
}

bool RawWebSocket::upgrade(quint16 port, const QList<QByteArray>& extraHeaderLines, int timeoutMs)
{
    start(port, extraHeaderLines);
    return QTest::qWaitFor([this] { return m_state != State::Connecting; }, timeoutMs) &&
           m_state == State::Upgraded;
}

void RawWebSocket::sendFrame(quint8 opcode, const QByteArray& payload)
{
    QByteArray frame;
    frame.append(char(0x80 | opcode));
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(0x80 | size));
    } else if (size < 65536) {
        frame.append(char(0x80 | 126));
        frame.append(char(size >> 8));
        frame.append(char(size & 0xff));
    } else {
        frame.append(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xff));
    }
    const quint32 maskValue = QRandomGenerator::global()->generate();
    char mask[4];
    for (int i = 0; i < 4; ++i)
        mask[i] = char((maskValue >> (8 * i)) & 0xff);
    frame.append(mask, 4);
    for (qsizetype i = 0; i < size; ++i)
        frame.append(char(payload[i] ^ mask[i % 4]));
    m_socket.write(frame);
}

void RawWebSocket::stopReading()
{
    m_reading = false;
    m_socket.setReadBufferSize(16);
}

bool RawWebSocket::waitForTextStartingWith(const QByteArray& prefix, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            for (const QByteArray& text : std::as_const(m_texts)) {
                if (text.startsWith(prefix))
                    return true;
            }
            return false;
        },
        timeoutMs);
}

bool RawWebSocket::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

void RawWebSocket::onReadyRead()
{
    if (!m_reading)
        return;
    m_buffer += m_socket.readAll();
    if (m_state == State::Connecting) {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        m_answer = m_buffer.left(end + 4);
        const QList<QByteArray> statusLine = m_answer.left(m_answer.indexOf("\r\n")).split(' ');
        m_status = statusLine.size() > 1 ? statusLine.at(1).toInt() : 0;
        if (m_status != 101) {
            m_answer = m_buffer; // with the body
            m_buffer.clear();
            m_state = State::Refused;
            Q_EMIT progressed();
            return;
        }
        m_buffer.remove(0, end + 4);
        m_state = State::Upgraded;
        Q_EMIT progressed();
    }
    if (m_state == State::Upgraded)
        parseFrames();
}

void RawWebSocket::parseFrames()
{
    for (;;) {
        if (m_buffer.size() < 2)
            return;
        const auto* bytes = reinterpret_cast<const uchar*>(m_buffer.constData());
        const int opcode = bytes[0] & 0x0f;
        quint64 length = bytes[1] & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (m_buffer.size() < 4)
                return;
            length = (quint64(bytes[2]) << 8) | bytes[3];
            header = 4;
        } else if (length == 127) {
            if (m_buffer.size() < 10)
                return;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | bytes[2 + i];
            header = 10;
        }
        if (quint64(m_buffer.size() - header) < length)
            return;
        const QByteArray payload = m_buffer.mid(header, qsizetype(length));
        m_buffer.remove(0, header + qsizetype(length));
        if (opcode == 0x1) {
            if (payload == "2")
                sendText("3"); // Engine.IO heartbeat
            for (auto it = m_counts.begin(); it != m_counts.end(); ++it) {
                if (payload.startsWith(it.key()))
                    ++it.value();
            }
            if (m_keepTexts)
                m_texts.append(payload);
        } else if (opcode == 0x9) {
            ++m_pings;
            if (m_answerPings)
                sendFrame(0xA, payload);
        } else if (opcode == 0x8) {
            m_closeCode =
                payload.size() >= 2 ? (int(uchar(payload[0])) << 8) | int(uchar(payload[1])) : 1005;
        }
        Q_EMIT progressed();
    }
}
