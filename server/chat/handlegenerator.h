#pragma once

#include <QString>

/**
 * Derives the human-friendly handle of an anonymous identity from its user id:
 * "<Adjective> <Animal>", e.g. "Amber Otter" (shared protocol, "Identity"). Deterministic
 * across processes and machines (SHA-256 of the id, not qHash), so a resumed identity keeps
 * its handle on every node.
 */
class HandleGenerator
{
public:
    /// The handle for @p userId; the same id always gives the same handle.
    static QString handleFor(const QString& userId);
};
