#pragma once

#include "deliverychannel.h"

#include <map>
#include <memory>

class Multicast;

/**
 * The chat core's DeliveryChannels over the transport's Multicasts (one per I/O thread):
 * the two interfaces say the same thing in each layer's terms, so that the chat core stays
 * free of the network library and the network library free of chat. Must outlive every
 * peer and fan-out subscription that uses one of its channels.
 */
class DeliveryChannels
{
public:
    DeliveryChannels();
    ~DeliveryChannels();

    /// The channel over @p multicast (made on first use); null for a null @p multicast.
    DeliveryChannel* channelFor(Multicast* multicast);

private:
    class Adapter;
    std::map<Multicast*, std::unique_ptr<Adapter>> m_adapters;
};
