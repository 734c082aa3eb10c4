#include "processstats.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

double ProcessStats::cpuSeconds(pid_t pid)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/stat";
    FILE* file = std::fopen(path.c_str(), "r");
    if (!file)
        return -1;
    char buffer[1024];
    const size_t size = std::fread(buffer, 1, sizeof buffer - 1, file);
    std::fclose(file);
    buffer[size] = '\0';
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const char* rest = std::strrchr(buffer, ')');
    if (!rest)
        return -1;
    unsigned long utime = 0;
    unsigned long stime = 0;
    // state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    if (std::sscanf(rest + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime,
                    &stime) != 2)
        return -1;
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

double ProcessStats::cpuSeconds(const std::vector<pid_t>& pids)
{
    double sum = 0;
    for (const pid_t pid : pids) {
        const double seconds = cpuSeconds(pid);
        if (seconds < 0)
            return -1;
        sum += seconds;
    }
    return sum;
}

int64_t ProcessStats::rssKiB(pid_t pid)
{
    const std::string path = "/proc/" + std::to_string(pid) + "/status";
    FILE* file = std::fopen(path.c_str(), "r");
    if (!file)
        return -1;
    char line[256];
    int64_t kib = -1;
    while (std::fgets(line, sizeof line, file)) {
        long long value = 0;
        if (std::sscanf(line, "VmRSS: %lld kB", &value) == 1) {
            kib = value;
            break;
        }
    }
    std::fclose(file);
    return kib;
}

double ProcessStats::selfCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

int64_t ProcessStats::raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return int64_t(limit.rlim_cur);
}
