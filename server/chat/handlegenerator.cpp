#include "handlegenerator.h"

#include <QCryptographicHash>

#include <array>

namespace {

constexpr std::array Adjectives{
    "Amber",  "Azure",   "Bold",   "Brave",  "Bright", "Calm",     "Clever", "Coral",
    "Cosmic", "Crimson", "Daring", "Dusky",  "Eager",  "Electric", "Fancy",  "Fierce",
    "Gentle", "Golden",  "Happy",  "Hidden", "Humble", "Icy",      "Jade",   "Jolly",
    "Keen",   "Kind",    "Lively", "Lucky",  "Lunar",  "Mellow",   "Misty",  "Noble",
    "Nimble", "Olive",   "Proud",  "Quick",  "Quiet",  "Rapid",    "Rosy",   "Rustic",
    "Sandy",  "Scarlet", "Shy",    "Silent", "Silver", "Sleepy",   "Snowy",  "Solar",
    "Steady", "Stormy",  "Sunny",  "Swift",  "Tidy",   "Velvet",   "Vivid",  "Wandering",
    "Warm",   "Wild",    "Windy",  "Wise",   "Witty",  "Young",    "Zesty",  "Zen",
};

constexpr std::array Animals{
    "Otter",   "Heron",  "Fox",    "Badger", "Lynx",    "Falcon",   "Panda",    "Koala",
    "Wolf",    "Raven",  "Owl",    "Hare",   "Seal",    "Dolphin",  "Whale",    "Tiger",
    "Lion",    "Bear",   "Moose",  "Bison",  "Crane",   "Swan",     "Robin",    "Finch",
    "Sparrow", "Gecko",  "Iguana", "Turtle", "Salmon",  "Trout",    "Beaver",   "Marten",
    "Ferret",  "Stoat",  "Weasel", "Puffin", "Pelican", "Penguin",  "Walrus",   "Yak",
    "Zebra",   "Camel",  "Llama",  "Alpaca", "Ibex",    "Gazelle",  "Jaguar",   "Ocelot",
    "Puma",    "Coyote", "Dingo",  "Mole",   "Shrew",   "Hedgehog", "Squirrel", "Chipmunk",
    "Lemur",   "Gibbon", "Tapir",  "Okapi",  "Quokka",  "Wombat",   "Magpie",   "Kestrel",
};

} // namespace

QString HandleGenerator::handleFor(const QString& userId)
{
    const QByteArray digest = QCryptographicHash::hash(userId.toUtf8(), QCryptographicHash::Sha256);
    const auto byte = [&digest](int i) {
        return quint32(quint8(digest.at(i)));
    };
    const quint32 a = (byte(0) << 8 | byte(1)) % Adjectives.size();
    const quint32 b = (byte(2) << 8 | byte(3)) % Animals.size();
    return QLatin1String(Adjectives[a]) + QLatin1Char(' ') + QLatin1String(Animals[b]);
}
