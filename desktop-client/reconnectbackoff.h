#pragma once

#include <functional>

/**
 * Reconnection delays as socket.io-client computes them (its "backo2" Backoff): the base
 * delay doubles per attempt, is randomised by +-randomizationFactor and is then capped.
 * Defaults are socket.io-client's: 1000 ms doubling to 5000 ms, randomization 0.5.
 * Source: socket.io-client 4.x Manager options reconnectionDelay, reconnectionDelayMax,
 * randomizationFactor (see shared facts, "Standard clients").
 */
class ReconnectBackoff
{
public:
    /// A source of uniformly distributed numbers in [0, 1); injectable for deterministic tests.
    using RandomSource = std::function<double()>;

    /**
     * @param minDelayMs          delay of the first attempt before jitter, in milliseconds (> 0).
     * @param maxDelayMs          cap of every delay, in milliseconds (>= minDelayMs).
     * @param randomizationFactor jitter as a fraction of the delay, 0 (none) to 1.
     */
    explicit ReconnectBackoff(int minDelayMs = 1000, int maxDelayMs = 5000,
                              double randomizationFactor = 0.5);

    /// Replaces the random source (default: QRandomGenerator::global()).
    void setRandomSource(RandomSource source);

    /**
     * Delay before the next attempt, in milliseconds, and counts the attempt:
     * min(base * 2^attempts -+ jitter, max), with jitter = floor(r * factor * delay), added
     * or subtracted depending on r (as socket.io-client does).
     */
    int nextDelayMs();

    /// Attempts counted by nextDelayMs() since construction or the last reset().
    int attempts() const { return m_attempts; }

    /// Starts over from the first delay; call after a successful connection.
    void reset() { m_attempts = 0; }

    int minDelayMs() const { return m_minDelayMs; }
    int maxDelayMs() const { return m_maxDelayMs; }
    double randomizationFactor() const { return m_randomizationFactor; }

private:
    int m_minDelayMs;
    int m_maxDelayMs;
    double m_randomizationFactor;
    int m_attempts = 0;
    RandomSource m_random;
};
