// The comparison core against hand-computed values: metrics, ROI, peaks, verdicts, display maps.
#include <QtTest>

#include <cmath>
#include <limits>

#include "compare/Comparison.h"
#include "compare/Percentile.h"
#include "core/Error.h"

using namespace bragg;

namespace {

Image image(int fast, int slow, std::vector<float> values) {
    Image img(fast, slow);
    img.pixels = std::move(values);
    return img;
}

// A 10×10 zero image with the given bright pixels.
Image spots(const std::vector<Peak>& peaks) {
    Image img(10, 10);
    for (const Peak& p : peaks) img.at(p.fast, p.slow) = p.value;
    return img;
}

}  // namespace

class CompareMetricsTest : public QObject {
    Q_OBJECT
private slots:
    void scaledCopy() {
        // A = 1 2 / 3 4, B = 2A: perfectly correlated, twice the sum.
        const Image a = image(2, 2, {1, 2, 3, 4}), b = image(2, 2, {2, 4, 6, 8});
        const BasicMetrics m = basicMetrics(a, b);
        QCOMPARE(m.pixels, std::size_t(4));
        QCOMPARE(m.pearson, 1.0);
        QCOMPARE(m.sumA, 10.0);
        QCOMPARE(m.sumB, 20.0);
        QCOMPARE(m.sumRatio, 2.0);
        QCOMPARE(m.maxAbsDiff, 4.0);
        QCOMPARE(m.maxAbsDiffFast, 1);
        QCOMPARE(m.maxAbsDiffSlow, 1);
        QCOMPARE(m.maxA, 4.0);
        QCOMPARE(m.mse, 7.5);  // (1 + 4 + 9 + 16) / 4
        QCOMPARE(m.rmse, std::sqrt(7.5));
    }

    void correlationSigns() {
        QCOMPARE(basicMetrics(image(3, 1, {1, 2, 3}), image(3, 1, {3, 2, 1})).pearson, -1.0);
        // Means 1/4; covariance −1/4·(1/4)... by hand: Σdadb = −0.25, Σda² = Σdb² = 0.75.
        QVERIFY(std::fabs(basicMetrics(image(4, 1, {1, 0, 0, 0}), image(4, 1, {0, 1, 0, 0})).pearson +
                          1.0 / 3) < 1e-15);
        QCOMPARE(basicMetrics(image(2, 1, {5, 5}), image(2, 1, {5, 5})).pearson, 1.0);  // constant, equal
        QCOMPARE(basicMetrics(image(2, 1, {5, 5}), image(2, 1, {1, 2})).pearson, 0.0);  // one constant
        // Both constant (a one-pixel region): 1 − their relative difference.
        const float v = 4.22112f, oneUlp = std::nextafter(v, 10.0f);
        const double rel = (double(oneUlp) - double(v)) / double(oneUlp);
        QCOMPARE(basicMetrics(image(1, 1, {v}), image(1, 1, {oneUlp})).pearson, 1.0 - rel);
        QCOMPARE(basicMetrics(image(2, 1, {5, 5}), image(2, 1, {6, 6})).pearson, 1.0 - 1.0 / 6);
        QCOMPARE(basicMetrics(image(2, 1, {0, 0}), image(2, 1, {0, 0})).pearson, 1.0);
        QCOMPARE(basicMetrics(image(1, 1, {5}), image(1, 1, {-5})).pearson, 0.0);
    }

    void sizeMismatchIsUsageError() {
        try {
            compareImages(Image(2, 2), Image(2, 3), {});
            QFAIL("no exception");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            QVERIFY(QString(e.what()).contains("2x2 vs 2x3"));
        }
    }

    void roiUsesOnlyItsPixelsAndReportsFullImagePositions() {
        // 4×2 image; the ROI x 2..3, y 1..1 holds A = 7 8, B = 7 10.
        const Image a = image(4, 2, {100, 0, 0, 0, 50, 0, 7, 8});
        const Image b = image(4, 2, {0, 0, 0, 0, 0, 0, 7, 10});
        const Comparison c = compareImages(a, b, {}, Roi{2, 3, 1, 1});
        QCOMPARE(c.metrics.pixels, std::size_t(2));
        QCOMPARE(c.metrics.sumA, 15.0);
        QCOMPARE(c.metrics.sumB, 17.0);
        QCOMPARE(c.metrics.maxAbsDiff, 2.0);
        QCOMPARE(c.metrics.maxAbsDiffFast, 3);
        QCOMPARE(c.metrics.maxAbsDiffSlow, 1);
        QVERIFY(c.roi.has_value());
        // Negative maxima mean "to the end".
        QCOMPARE(resolveRoi(Roi{1, -1, 0, -1}, 4, 2), (Roi{1, 3, 0, 1}));
        QVERIFY_THROWS_EXCEPTION(Error, resolveRoi(Roi{0, 4, 0, 1}, 4, 2));
        QVERIFY_THROWS_EXCEPTION(Error, resolveRoi(Roi{3, 2, 0, 1}, 4, 2));
    }

    void percentiles() {
        std::vector<float> v{4, 1, 3, 2};
        QCOMPARE(percentileInPlace(v, 50), 2.5);  // numpy: rank 1.5 between 2 and 3
        QCOMPARE(percentileInPlace(v, 25), 1.75);
        QCOMPARE(percentileInPlace(v, 0), 1.0);
        QCOMPARE(percentileInPlace(v, 100), 4.0);
        const Image a = image(2, 1, {1, 2}), b = image(2, 1, {3, std::numeric_limits<float>::quiet_NaN()});
        QCOMPARE(pooledPercentile({&a, &b}, 100), 3.0);  // NaN ignored
    }

    void peaksFoundBrightestFirst() {
        Image img = spots({{2, 3, 10}, {7, 7, 5}, {5, 1, 7}});
        img.at(3, 3) = 10;  // a two-pixel plateau: only its first pixel (2,3) counts
        const std::vector<Peak> all = findPeaks(img, {10, 50});
        QCOMPARE(all.size(), std::size_t(3));
        QCOMPARE(all[0].fast, 2);
        QCOMPARE(all[0].slow, 3);
        QCOMPARE(all[1].value, 7.0f);
        QCOMPARE(all[2].value, 5.0f);
        QCOMPARE(findPeaks(img, {2, 50}).size(), std::size_t(2));  // top N
        // 97th percentile of the 100 pixels (96 zeros, 5, 7, 10, 10): rank 96.03, 5 + 0.03·2 = 5.06,
        // so the 5 is not a peak; the 7 and the plateau are.
        QCOMPARE(findPeaks(img, {10, 97}).size(), std::size_t(2));
        QVERIFY(findPeaks(Image(5, 5), {10, 50}).empty());  // flat: no peak
    }

    void peakDistances() {
        const std::vector<Peak> ref{{2, 2, 10}, {7, 7, 9}};
        const std::vector<Peak> cand{{3, 2, 10}, {7, 4, 9}};  // 1 px and 3 px away
        const PeakMatch m = matchPeaks(ref, cand);
        QCOMPARE(m.peaksReference, 2);
        QCOMPARE(m.peaksCandidate, 2);
        QCOMPARE(m.meanDistance, 2.0);
        QCOMPARE(m.maxDistance, 3.0);
        QCOMPARE(m.fractionWithin1px, 0.5);
        const PeakMatch diagonal = matchPeaks({{0, 0, 1}}, {{1, 1, 1}});
        QCOMPARE(diagonal.meanDistance, std::sqrt(2.0));
        QCOMPARE(diagonal.fractionWithin1px, 0.0);
        QVERIFY(std::isinf(matchPeaks(ref, {}).meanDistance));
        QCOMPARE(matchPeaks({}, cand).fractionWithin1px, 1.0);
    }

    void verdictNeedsMoreThanCorrelation() {
        // Candidate 0.3% brighter everywhere: correlation exactly 1, still BLOCKED on the sum ratio.
        Image a = spots({{2, 3, 10}, {7, 7, 5}}), b = a;
        for (float& v : b.pixels) v *= 1.003f;
        Comparison c = compareImages(a, b, Thresholds{});
        QVERIFY(c.metrics.pearson > 0.9999999);
        QCOMPARE(c.verdict, Verdict::Blocked);
        QCOMPARE(c.failures.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(c.failures[0]).startsWith("sum ratio 1.00"));
        QCOMPARE(toString(c.verdict), "BLOCKED");
        Thresholds loose;
        loose.sumRatioTol = 0.01;
        QCOMPARE(compareImages(a, b, loose).verdict, Verdict::Pass);
        QCOMPARE(toString(Verdict::Pass), "PASS");
    }

    void relativeMaxDiffAndPeakDistance() {
        const Image a = spots({{2, 2, 100}, {7, 7, 100}});
        Image b = spots({{2, 2, 100}, {7, 7, 100}});
        b.at(5, 5) = 2;  // max|Δ| = 2 = 2% of max(A)
        Thresholds t;
        t.pearsonMin = 0.99;
        t.sumRatioTol = 0.1;
        t.maxAbsDiffRel = 0.01;
        Comparison c = compareImages(a, b, t, std::nullopt, {10, 50});
        QCOMPARE(c.maxAbsDiffRelative(), 0.02);
        QCOMPARE(c.failures.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(c.failures[0]).contains("max|diff| 2 at (5,5)"));
        t.maxAbsDiffRel = 0.05;
        QCOMPARE(compareImages(a, b, t, std::nullopt, {10, 50}).verdict, Verdict::Pass);

        // A spot moved by 3 px: mean distance (0 + 3) / 2 = 1.5 > 1.
        const Image moved = spots({{2, 2, 100}, {7, 4, 100}});
        t.pearsonMin = -1;
        t.maxAbsDiffRel = 0;
        c = compareImages(a, moved, t, std::nullopt, {10, 50});
        QCOMPARE(c.peaks.meanDistance, 1.5);
        QCOMPARE(c.failures.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(c.failures[0]).startsWith("mean peak distance 1.5"));
        t.peakDistanceMax = -1;  // disabled
        QCOMPARE(compareImages(a, moved, t, std::nullopt, {10, 50}).verdict, Verdict::Pass);
    }

    void nanMetricsFail() {
        const Image a = image(2, 1, {1, 2});
        const Image b = image(2, 1, {1, std::numeric_limits<float>::quiet_NaN()});
        QCOMPARE(compareImages(a, b, {}).verdict, Verdict::Blocked);
    }
};

QTEST_GUILESS_MAIN(CompareMetricsTest)
#include "compare_metrics_test.moc"
