#include "deliverychannels.h"

#include "multicast.h"

class DeliveryChannels::Adapter final : public DeliveryChannel
{
public:
    explicit Adapter(Multicast* multicast)
        : m_multicast(multicast)
    {}

    void join(quint64 group, quint64 key) override { m_multicast->join(group, key); }
    void leave(quint64 group, quint64 key) override { m_multicast->leave(group, key); }
    void send(quint64 group, const QByteArray& frame, quint64 exceptKey) override
    {
        m_multicast->send(group, frame, exceptKey);
    }

private:
    Multicast* const m_multicast;
};

DeliveryChannels::DeliveryChannels() = default;
DeliveryChannels::~DeliveryChannels() = default;

DeliveryChannel* DeliveryChannels::channelFor(Multicast* multicast)
{
    if (!multicast)
        return nullptr;
    std::unique_ptr<Adapter>& adapter = m_adapters[multicast];
    if (!adapter)
        adapter = std::make_unique<Adapter>(multicast);
    return adapter.get();
}
