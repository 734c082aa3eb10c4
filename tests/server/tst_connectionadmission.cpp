// ConnectionAdmission: per-address and total caps, release, address grouping.

#include "connectionadmission.h"

#include <QTest>

#include <memory>

class tst_ConnectionAdmission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capsAndRelease()
    {
        ConnectionAdmission admission(2, 3);
        const QHostAddress a(QStringLiteral("192.0.2.1"));
        const QHostAddress b(QStringLiteral("192.0.2.2"));
        QCOMPARE(admission.admit(a), ConnectionAdmission::Verdict::Admitted);
        QCOMPARE(admission.admit(a), ConnectionAdmission::Verdict::Admitted);
        QCOMPARE(admission.admit(a), ConnectionAdmission::Verdict::AddressLimit);
        QCOMPARE(admission.countFor(a), 2);
        QCOMPARE(admission.admit(b), ConnectionAdmission::Verdict::Admitted);
        // The total cap comes first.
        QCOMPARE(admission.admit(b), ConnectionAdmission::Verdict::TotalLimit);
        QCOMPARE(admission.total(), 3);
        admission.release(a);
        QCOMPARE(admission.total(), 2);
        QCOMPARE(admission.admit(b), ConnectionAdmission::Verdict::Admitted);
        // Releasing what was never admitted changes nothing.
        admission.release(QHostAddress(QStringLiteral("198.51.100.7")));
        QCOMPARE(admission.total(), 3);
    }

    void zeroMeansNoCap()
    {
        ConnectionAdmission admission(0, 0);
        const QHostAddress a(QStringLiteral("192.0.2.1"));
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(admission.admit(a), ConnectionAdmission::Verdict::Admitted);
        QCOMPARE(admission.total(), 1000);
    }

    void loopbackIsCapped()
    {
        // Issue 18: no address is exempt, loopback and IPv4-mapped loopback included.
        ConnectionAdmission admission(1, 10);
        const QHostAddress loopback(QStringLiteral("127.0.0.1"));
        QCOMPARE(admission.admit(loopback), ConnectionAdmission::Verdict::Admitted);
        QCOMPARE(admission.admit(loopback), ConnectionAdmission::Verdict::AddressLimit);
        QCOMPARE(admission.admit(QHostAddress(QStringLiteral("::ffff:127.0.0.1"))),
                 ConnectionAdmission::Verdict::AddressLimit);
        const QHostAddress ipv6Loopback(QStringLiteral("::1"));
        QCOMPARE(admission.admit(ipv6Loopback), ConnectionAdmission::Verdict::Admitted);
        QCOMPARE(admission.admit(ipv6Loopback), ConnectionAdmission::Verdict::AddressLimit);
        admission.release(loopback);
        QCOMPARE(admission.admit(loopback), ConnectionAdmission::Verdict::Admitted);
    }

    void groups_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("same");
        QTest::newRow("ipv4 same") << "192.0.2.1"
                                   << "192.0.2.1" << true;
        QTest::newRow("ipv4 neighbours") << "192.0.2.1"
                                         << "192.0.2.2" << false;
        QTest::newRow("mapped ipv4") << "::ffff:192.0.2.1"
                                     << "192.0.2.1" << true;
        QTest::newRow("ipv6 same /64") << "2001:db8:1:2::1"
                                       << "2001:db8:1:2:ffff::9" << true;
        QTest::newRow("ipv6 other /64") << "2001:db8:1:2::1"
                                        << "2001:db8:1:3::1" << false;
    }

    void groups()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, same);
        QCOMPARE(ConnectionAdmission::groupKey(QHostAddress(first)) ==
                     ConnectionAdmission::groupKey(QHostAddress(second)),
                 same);
    }

    void releasedWhenTheHolderDies()
    {
        ConnectionAdmission admission(1, 0);
        const QHostAddress a(QStringLiteral("192.0.2.1"));
        auto holder = std::make_unique<QObject>();
        QCOMPARE(admission.admit(a), ConnectionAdmission::Verdict::Admitted);
        admission.holdUntilDestroyed(holder.get(), a);
        // Disconnecting everything from the holder (as QWebSocket does) does not lose it.
        QObject::disconnect(holder.get(), nullptr, nullptr, nullptr);
        QCOMPARE(admission.countFor(a), 1);
        holder.reset();
        QCOMPARE(admission.countFor(a), 0);
        QCOMPARE(admission.total(), 0);

        // And a holder outliving the admission is harmless.
        auto late = std::make_unique<QObject>();
        {
            ConnectionAdmission shortLived(1, 0);
            QCOMPARE(shortLived.admit(a), ConnectionAdmission::Verdict::Admitted);
            shortLived.holdUntilDestroyed(late.get(), a);
        }
        late.reset();
    }
};

QTEST_GUILESS_MAIN(tst_ConnectionAdmission)
#include "tst_connectionadmission.moc"
