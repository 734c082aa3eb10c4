#pragma once

#include <cstdint>
#include <sys/types.h>
#include <vector>

/// CPU time and memory of a process, read from /proc (Linux), and of chat-bench itself.
class ProcessStats
{
public:
    /// User + system CPU seconds of @p pid so far (all threads); -1 when unreadable.
    static double cpuSeconds(pid_t pid);
    /// The sum of cpuSeconds() over @p pids; -1 when any is unreadable.
    static double cpuSeconds(const std::vector<pid_t>& pids);
    /// Resident set size of @p pid in KiB (VmRSS); -1 when unreadable.
    static int64_t rssKiB(pid_t pid);
    /// User + system CPU seconds of this process so far (getrusage).
    static double selfCpuSeconds();
    /// Raises RLIMIT_NOFILE's soft limit to the hard limit. @return the new soft limit.
    static int64_t raiseDescriptorLimit();
};
