#pragma once

#include "chatreply.h"

#include <vector>

/// Collects the results a chat request handler answers with, for its unit tests.
template <typename T>
struct ChatReplies
{
    std::vector<ChatResult<T>> results;

    /// A ChatReply that appends to results.
    ChatReply<T> reply()
    {
        return [this](const ChatResult<T>& result) {
            results.push_back(result);
        };
    }
    /// Answers so far.
    int count() const { return int(results.size()); }
    /// The latest answer (there must be one).
    const ChatResult<T>& last() const { return results.back(); }
};
