// The optimized kernel's vector variants (physics/Physics.h, "Vector variant") against the scalar
// formulas they stand beside, on random Miller indices inside, at the edge of and outside a table.
#include <QtTest>

#include <cmath>
#include <random>

#include "physics/Physics.h"

using namespace bragg;
using namespace bragg::physics;

namespace {

io::HklTable randomTable(std::mt19937_64& rng) {
    io::HklTable t;
    t.hmin = -4, t.hmax = 5, t.kmin = -3, t.kmax = 6, t.lmin = -5, t.lmax = 2;
    std::uniform_real_distribution<double> value(0, 1000);
    t.F.resize(std::size_t(t.hRange() * t.kRange() * t.lRange()));
    for (double& f : t.F) f = value(rng);
    return t;
}

}  // namespace

class PhysicsVariantsTest : public QObject {
    Q_OBJECT
private slots:
    void tableNearestIsTheScalarRule() {
        std::mt19937_64 rng(20261206);
        const io::HklTable t = randomTable(rng);
        const TableBounds bounds(&t);
        std::uniform_real_distribution<double> index(-7, 8);
        int inside = 0;
        for (int i = 0; i < 20000; ++i) {
            // Every fourth index lands on a tie (x.5), where the rounding direction matters.
            double h = index(rng), k = index(rng), l = index(rng);
            if (i % 4 == 0) h = std::floor(h) + 0.5;
            const int h0 = nearestIndex(h), k0 = nearestIndex(k), l0 = nearestIndex(l);
            inside += t.contains(h0, k0, l0);
            QCOMPARE(tableNearest(bounds, t.F.data(), 7.5, h, k, l),
                     structureFactorNearest(&t, 7.5, h0, k0, l0));
        }
        QVERIFY(inside > 2000 && inside < 18000);  // both branches exercised
        // No table: default_F everywhere (the kernel passes a one-element F).
        const double one = 3;
        QCOMPARE(tableNearest(TableBounds(nullptr), &one, 7.5, 0.2, 0.1, -0.3),
                 3.0);  // (0,0,0) is "inside" [0,0]
        QCOMPARE(tableNearest(TableBounds(nullptr), &one, 7.5, 2, 0, 0), 7.5);
    }

    void inInterpolationRangeIsTheScalarTest() {
        std::mt19937_64 rng(7);
        const io::HklTable t = randomTable(rng);
        std::uniform_real_distribution<double> index(-7, 8);
        int in = 0;
        for (int i = 0; i < 20000; ++i) {
            double h = index(rng), k = index(rng), l = index(rng);
            if (i % 5 == 0) h = double(t.hmin + 2);  // the boundary itself is inside
            const bool scalar = interpolationInRange(t, h, k, l);
            in += scalar;
            QCOMPARE(inInterpolationRange(TableBounds(&t), h, k, l), scalar);
        }
        QVERIFY(in > 100);
    }

    void lagrangeWeightsReproduceLagrange4() {
        std::mt19937_64 rng(11);
        std::uniform_real_distribution<double> x(-20, 20), y(-100, 100);
        for (int i = 0; i < 5000; ++i) {
            const double at = x(rng), f = std::floor(at);
            const double xs[4] = {f - 1, f, f + 1, f + 2};
            const double ys[4] = {y(rng), y(rng), y(rng), y(rng)};
            double w[4];
            lagrangeWeights(at - f, w[0], w[1], w[2], w[3]);
            const double weighted = w[0] * ys[0] + w[1] * ys[1] + w[2] * ys[2] + w[3] * ys[3];
            const double scalar = lagrange4<double>(xs, ys, at);
            QVERIFY2(std::fabs(weighted - scalar) <= 1e-12 * (1 + std::fabs(scalar)),
                     qPrintable(QString("x %1: %2 vs %3").arg(at).arg(weighted).arg(scalar)));
        }
        // At a node the weights pick that node's value exactly.
        double w[4];
        lagrangeWeights(0, w[0], w[1], w[2], w[3]);
        QCOMPARE(w[1], 1.0);
        QCOMPARE(w[0] + w[2] + w[3], 0.0);
    }
};

QTEST_GUILESS_MAIN(PhysicsVariantsTest)
#include "physics_variants_test.moc"
