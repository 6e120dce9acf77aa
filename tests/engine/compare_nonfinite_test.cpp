// Non-finite pixels in the comparison core: shared ones agree, any other is a disagreement named
// by class and position, and the metrics cover only the pixels finite in both.
#include <QtTest>

#include <cmath>
#include <limits>

#include "compare/Comparison.h"

using namespace bragg;

namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kFloatMax = std::numeric_limits<float>::max();

// A 16×8 image with a smooth pattern (so Pearson is meaningful), values near `scale`.
Image pattern(float scale = 1) {
    Image img(16, 8);
    for (int s = 0; s < img.spixels; ++s)
        for (int f = 0; f < img.fpixels; ++f)
            img.at(f, s) = scale * (float(1 + (f * 7 + s * 3) % 11) / 11.0f);
    return img;
}

}  // namespace

class CompareNonFiniteTest : public QObject {
    Q_OBJECT
private slots:
    void classes() {
        QCOMPARE(classify(1.0f), PixelClass::Finite);
        QCOMPARE(classify(kNan), PixelClass::Nan);
        QCOMPARE(classify(kInf), PixelClass::PlusInf);
        QCOMPARE(classify(-kInf), PixelClass::MinusInf);
        QCOMPARE(QString(toString(PixelClass::MinusInf)), QString("-inf"));
    }

    // p18's situation: both images +inf at the same pixels, huge finite values beside them.
    void sharedInfinitiesAgree() {
        Image a = pattern(3e38f), b = a;
        for (Image* img : {&a, &b}) {
            img->at(3, 2) = kInf;
            img->at(4, 2) = kInf;
        }
        const Comparison c = compareImages(a, b, {});
        QCOMPARE(c.verdict, Verdict::Pass);
        QCOMPARE(c.nonFinite.shared, std::size_t(2));
        QCOMPARE(c.nonFinite.reference.plusInf, std::size_t(2));
        QCOMPARE(c.nonFinite.candidate.plusInf, std::size_t(2));
        QVERIFY(c.nonFinite.mismatches.empty());
        QCOMPARE(c.nonFinite.sharedFirst.front(), (PixelPosition{3, 2}));
        QCOMPARE(c.metrics.finitePixels, std::size_t(16 * 8 - 2));
        QCOMPARE(c.metrics.pearson, 1.0);
        QCOMPARE(c.metrics.sumRatio, 1.0);
        QCOMPARE(c.metrics.maxAbsDiff, 0.0);
        QVERIFY(std::isfinite(c.metrics.sumA) &&
                c.metrics.sumA > 1e40);  // no overflow near the float maximum
    }

    void nearFloatMaxNoOverflow() {
        Image a(4, 1), b(4, 1);
        a.pixels = {kFloatMax, 0, kFloatMax, 0};
        b.pixels = {kFloatMax, 0, kFloatMax / 2, 0};
        const BasicMetrics m = basicMetrics(a, b);
        QVERIFY(std::isfinite(m.pearson) && m.pearson > 0.9 && m.pearson < 1);
        QCOMPARE(m.sumRatio, 0.75);
        QCOMPARE(m.maxAbsDiff, double(kFloatMax) / 2);
        QVERIFY(std::isfinite(m.rmse));
    }

    void injectedNanBlocksNamingThem() {
        const Image a = pattern();
        Image b = a;
        b.at(12, 5) = kNan;  // slow-major: (12,5) comes after (1,3) and (7,3)
        b.at(1, 3) = kNan;
        b.at(7, 3) = kNan;
        const Comparison c = compareImages(a, b, {});
        QCOMPARE(c.verdict, Verdict::Blocked);
        QCOMPARE(c.nonFinite.candidate.nan, std::size_t(3));
        QCOMPARE(c.nonFinite.reference.total(), std::size_t(0));
        QCOMPARE(c.nonFinite.mismatches.size(), std::size_t(1));
        QCOMPARE(c.nonFinite.mismatches[0].first.size(), std::size_t(3));
        QCOMPARE(c.failures.front(),
                 std::string(
                     "candidate has NaN at 3 pixels where the reference is finite, first at fast 1, slow 3"));
        // The finite pixels still agree exactly: only the non-finite line blocks.
        QCOMPARE(c.failures.size(), std::size_t(1));
        QCOMPARE(c.metrics.pearson, 1.0);
    }

    void referenceSideNonFinite() {
        Image a = pattern();
        const Image b = a;
        a.at(0, 0) = -kInf;
        const Comparison c = compareImages(a, b, {});
        QCOMPARE(c.verdict, Verdict::Blocked);
        QCOMPARE(c.failures.front(),
                 std::string(
                     "reference has -inf at 1 pixel where the candidate is finite, first at fast 0, slow 0"));
    }

    void plusAgainstMinusInfinity() {
        Image a = pattern(), b = a;
        a.at(2, 1) = kInf;
        b.at(2, 1) = -kInf;
        const Comparison c = compareImages(a, b, {});
        QCOMPARE(c.verdict, Verdict::Blocked);
        QCOMPARE(c.nonFinite.shared, std::size_t(0));
        QCOMPARE(c.failures.front(),
                 std::string(
                     "candidate has -inf at 1 pixel where the reference has +inf, first at fast 2, slow 1"));
    }

    void allNan() {
        Image a = pattern(), b(16, 8);
        b.pixels.assign(b.size(), kNan);
        const Comparison c = compareImages(a, b, {});
        QCOMPARE(c.verdict, Verdict::Blocked);
        QCOMPARE(c.metrics.finitePixels, std::size_t(0));
        QCOMPARE(c.nonFinite.candidate.nan, a.size());
        QCOMPARE(c.nonFinite.mismatches[0].first.size(), NonFiniteSummary::kPositionsKept);  // capped
        // Both all-NaN: every pixel shared, nothing to disagree on.
        const Comparison same = compareImages(b, b, {});
        QCOMPARE(same.verdict, Verdict::Pass);
        QCOMPARE(same.nonFinite.shared, b.size());
    }

    void roiPositionsAreFullImage() {
        const Image a = pattern();
        Image b = a;
        b.at(10, 6) = kNan;
        const Comparison c = compareImages(a, b, {}, Roi{8, 15, 4, 7});
        QCOMPARE(c.nonFinite.mismatches[0].first.front(), (PixelPosition{10, 6}));
        QCOMPARE(c.metrics.finitePixels, std::size_t(8 * 4 - 1));
    }
};

QTEST_GUILESS_MAIN(CompareNonFiniteTest)
#include "compare_nonfinite_test.moc"
