// Check values of the reference generators (docs/physics.md §12, §7.2, §4.3).
#include <QtTest/QtTest>

#include <cmath>
#include <numbers>

#include "random/Mosaic.h"
#include "random/Ran1.h"
#include "random/RandomStream.h"

using namespace bragg;

class RandomTest : public QObject {
    Q_OBJECT
private slots:
    void ran1CheckValues();
    void ran1PositiveSeedContinuesSharedTable();
    void lnGammaMatchesFactorials();
    void poissonCheckValues();
    void poissonZeroConsumesOneDraw();
    void gaussianUsesSpare();
    void mosaicDomainOneMatrix();
    void mosaicDomainZeroIsIdentityButConsumesDraws();
    void randomMissetCheckAngles();
    void xyzAnglesRoundTrip();
};

void RandomTest::ran1CheckValues() {
    const double expected[] = {0.765989304, 0.023453664, 0.589726627, 0.535101593, 0.982231438, 0.693016112};
    Ran1Table table;
    long long idum = -12345678;
    for (double e : expected) {
        const float r = ran1(idum, table);
        QVERIFY2(std::abs(double(r) - e) < 1e-9,
                 qPrintable(QString("got %1 expected %2").arg(double(r), 0, 'g', 12).arg(e, 0, 'g', 12)));
    }
    QVERIFY(idum > 0);  // the seed variable advances in place after the re-seed
}

void RandomTest::ran1PositiveSeedContinuesSharedTable() {
    // A positive idum does not re-seed an initialised table; an uninitialised one seeds with 1.
    Ran1Table a;
    long long s1 = -12345678;
    ran1(s1, a);
    Ran1Table b = a;
    long long cont1 = s1, cont2 = s1;
    QCOMPARE(ran1(cont1, a), ran1(cont2, b));

    Ran1Table fresh1, fresh2;
    long long pos = 5, one = -1;
    QCOMPARE(ran1(pos, fresh1), ran1(one, fresh2));
    QCOMPARE(pos, one);
}

void RandomTest::lnGammaMatchesFactorials() {
    QVERIFY(std::abs(lnGamma(1.0f)) < 1e-6);
    QVERIFY(std::abs(lnGamma(5.0f) - std::log(24.0)) < 1e-6);
    QVERIFY(std::abs(lnGamma(11.0f) - std::log(3628800.0)) < 1e-5);
}

void RandomTest::poissonCheckValues() {
    Ran1Table table;
    long long idum = -7;
    RandomStream rng(idum, table);
    QCOMPARE(rng.poisson(0.0f), 0.0f);
    QCOMPARE(rng.poisson(0.5f), 0.0f);
    QCOMPARE(rng.poisson(3.0f), 3.0f);
    QCOMPARE(rng.poisson(11.9f), 15.0f);
    QCOMPARE(rng.poisson(50.0f), 43.0f);
    const float big = rng.poisson(2e6f);
    QVERIFY2(std::abs(double(big) - 2001723.62) < 0.01, qPrintable(QString::number(big, 'f', 4)));
}

void RandomTest::poissonZeroConsumesOneDraw() {
    Ran1Table t1, t2;
    long long a = -99, b = -99;
    RandomStream rng(a, t1);
    rng.poisson(0.0f);
    rng.poisson(0.0f);
    ran1(b, t2);
    ran1(b, t2);
    QCOMPARE(a, b);
    QCOMPARE(t1.iy, t2.iy);
}

void RandomTest::gaussianUsesSpare() {
    // The second deviate of a pair comes from the spare: no further draws.
    Ran1Table table;
    long long idum = -42;
    RandomStream rng(idum, table);
    const float g1 = rng.gaussian();
    const long long afterFirst = idum;
    const float g2 = rng.gaussian();
    QCOMPARE(idum, afterFirst);
    QVERIFY(std::isfinite(g1) && std::isfinite(g2));
    QVERIFY(g1 != g2);
}

void RandomTest::mosaicDomainOneMatrix() {
    const double expected[3][3] = {{0.999965920897845, -0.00797516809145802, 0.00213394864943091},
                                   {0.0079761872189556, 0.999968079496629, -0.000469494698829757},
                                   {-0.00213013623357463, 0.000486499472815474, 0.999997612916096}};
    Ran1Table table;
    long long idum = -12345678;
    const auto mats = mosaicDomains(2, 0.5 * std::numbers::pi / 180.0, idum, table);
    QCOMPARE(int(mats.size()), 2);
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            QVERIFY2(std::abs(mats[1](i, j) - expected[i][j]) < 1e-12,
                     qPrintable(QString("U(%1,%2) = %3").arg(i).arg(j).arg(mats[1](i, j), 0, 'g', 17)));
    // Row-major M·v semantics: a rotation, so orthonormal with determinant 1.
    QVERIFY((mats[1] * mats[1].transpose() - Mat3::Identity()).norm() < 1e-12);
    QVERIFY(std::abs(mats[1].determinant() - 1.0) < 1e-12);
}

void RandomTest::mosaicDomainZeroIsIdentityButConsumesDraws() {
    Ran1Table t1, t2;
    long long a = -12345678, b = -12345678;
    const auto mats = mosaicDomains(3, 0.01, a, t1);
    QVERIFY(mats[0] == Mat3::Identity());
    for (int i = 0; i < 9; ++i) ran1(b, t2);
    QCOMPARE(a, b);
    QVERIFY(mosaicDomains(0, 0.01, a, t1).empty());
}

void RandomTest::randomMissetCheckAngles() {
    Ran1Table table;
    long long idum = -1;  // -misset_seed 1
    const auto rad = randomMissetAnglesRad(idum, table);
    const double expected[3] = {4.66295716283, -11.8449788458, 17.6225480239};
    for (int i = 0; i < 3; ++i) {
        const double deg = rad[i] * 180.0 / std::numbers::pi;
        QVERIFY2(std::abs(deg - expected[i]) < 1e-8,
                 qPrintable(QString("angle %1 = %2").arg(i).arg(deg, 0, 'g', 15)));
    }
}

void RandomTest::xyzAnglesRoundTrip() {
    // rotXYZ = Rz·Ry·Rx (docs/physics.md §2); the conversion must recover the angles.
    const double rx = 0.3, ry = -0.7, rz = 2.1;
    const Mat3 m = (Eigen::AngleAxisd(rz, Vec3::UnitZ()) * Eigen::AngleAxisd(ry, Vec3::UnitY()) *
                    Eigen::AngleAxisd(rx, Vec3::UnitX()))
                       .toRotationMatrix();
    const auto a = matrixToXyzAngles(2.0 * m);  // rows are normalised first
    QVERIFY(std::abs(a[0] - rx) < 1e-12);
    QVERIFY(std::abs(a[1] - ry) < 1e-12);
    QVERIFY(std::abs(a[2] - rz) < 1e-12);

    // Gimbal case U20 = ±1: the reference's fixed choice rx = π, ry = π/2.
    Mat3 g;
    g << 0, 1, 0, 0, 0, 1, 1, 0, 0;
    const auto b = matrixToXyzAngles(g);
    QCOMPARE(b[0], std::numbers::pi);
    QCOMPARE(b[1], std::numbers::pi / 2);
    QCOMPARE(b[2], std::atan2(1.0, -0.0));
}

QTEST_MAIN(RandomTest)
#include "random_test.moc"
