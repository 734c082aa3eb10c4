#include "reconnectbackoff.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

ReconnectBackoff::ReconnectBackoff(int minDelayMs, int maxDelayMs, double randomizationFactor)
    : m_minDelayMs(std::max(1, minDelayMs))
    , m_maxDelayMs(std::max(m_minDelayMs, maxDelayMs))
    , m_randomizationFactor(std::clamp(randomizationFactor, 0.0, 1.0))
    , m_random([] { return QRandomGenerator::global()->generateDouble(); })
{}

void ReconnectBackoff::setRandomSource(RandomSource source)
{
    m_random = std::move(source);
}

int ReconnectBackoff::nextDelayMs()
{
    // Past ~30 doublings every delay is capped anyway; bounding the exponent avoids overflow.
    const int exponent = std::min(m_attempts, 30);
    if (m_attempts < 1000000)
        ++m_attempts;
    double delay = double(m_minDelayMs) * std::pow(2.0, exponent);
    if (m_randomizationFactor > 0) {
        const double r = std::clamp(m_random ? m_random() : 0.0, 0.0, 0.9999999);
        const double deviation = std::floor(r * m_randomizationFactor * delay);
        // socket.io-client picks the sign from the same random number: (floor(r * 10) & 1).
        delay = (int(std::floor(r * 10)) & 1) == 0 ? delay - deviation : delay + deviation;
    }
    return int(std::min(delay, double(m_maxDelayMs)));
}
