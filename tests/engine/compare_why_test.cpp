// Why two images differ, on constructed images: the 8 orientations named with pearson 1 after
// undoing them, the per-pixel gate's hand-counted failures and histograms, float32 ULP distances,
// and a side's run-to-run noise floor.
#include <QtTest>

#include <cmath>
#include <limits>

#include "compare/Comparison.h"
#include "compare/NoiseFloor.h"
#include "compare/Orientation.h"
#include "compare/PixelGate.h"

using namespace bragg;

namespace {

// No symmetry of the grid maps it onto itself: every value differs.
Image asymmetric(int fast, int slow) {
    Image img(fast, slow);
    for (int s = 0; s < slow; ++s)
        for (int f = 0; f < fast; ++f)
            img.at(f, s) = float((f * 7 + s * 13) % 17) + 0.01f * float(f + fast * s);
    return img;
}

bool samePixels(const Image& a, const Image& b) {
    return a.fpixels == b.fpixels && a.spixels == b.spixels && a.pixels == b.pixels;
}

}  // namespace

class CompareWhyTest : public QObject {
    Q_OBJECT
private slots:
    void rotationDirection() {
        // a b c / d e f (slow rows downwards) turned clockwise is d a / e b / f c.
        Image img(3, 2);
        img.pixels = {1, 2, 3, 4, 5, 6};
        QCOMPARE(applyOrientation(img, Orientation::Rotate90Clockwise).pixels,
                 (std::vector<float>{4, 1, 5, 2, 6, 3}));
        QCOMPARE(applyOrientation(img, Orientation::Rotate90Counterclockwise).pixels,
                 (std::vector<float>{3, 6, 2, 5, 1, 4}));
        QCOMPARE(applyOrientation(img, Orientation::Transpose).pixels,
                 (std::vector<float>{1, 4, 2, 5, 3, 6}));
        QCOMPARE(applyOrientation(img, Orientation::FlipSlow).pixels, (std::vector<float>{4, 5, 6, 1, 2, 3}));
        QCOMPARE(applyOrientation(img, Orientation::FlipFast).pixels, (std::vector<float>{3, 2, 1, 6, 5, 4}));
        QCOMPARE(applyOrientation(img, Orientation::AntiTranspose).pixels,
                 (std::vector<float>{6, 3, 5, 2, 4, 1}));
        for (const Orientation o : kOrientations)
            QVERIFY2(samePixels(undoOrientation(applyOrientation(img, o), o), img), toString(o));
    }

    void eachOrientationIsNamed_data() {
        QTest::addColumn<int>("fast");
        QTest::addColumn<int>("slow");
        QTest::newRow("square 9x9") << 9 << 9;
        QTest::newRow("6x4 (transposes swap the size)") << 6 << 4;
    }
    void eachOrientationIsNamed() {
        QFETCH(int, fast);
        QFETCH(int, slow);
        const Image reference = asymmetric(fast, slow);
        for (const Orientation o : kOrientations) {
            const Image candidate = applyOrientation(reference, o);
            const OrientationCheck check = checkOrientation(reference, candidate);
            QCOMPARE(check.sizesSwapped, fast != slow && swapsAxes(o));
            if (o == Orientation::Identity) {
                QVERIFY(!check.found);
                QVERIFY(check.line.empty());
                continue;
            }
            QVERIFY2(check.found, toString(o));
            QCOMPARE(check.found->orientation, o);
            QVERIFY(!check.found->reshaped);
            QCOMPARE(check.found->pearson, 1.0);  // exact: the very pixels, brought back
            QVERIFY(samePixels(correctedCandidate(candidate, *check.found), reference));
            QVERIFY2(check.line.find(std::string("candidate is the reference ") + describe(o)) == 0,
                     check.line.c_str());
            // compareImages names it: a failure line, and for swapped sizes metrics after undoing it.
            const Comparison c = compareImages(reference, candidate, Thresholds{});
            QCOMPARE(c.verdict, Verdict::Blocked);
            QVERIFY(c.orientation && c.orientation->found);
            QVERIFY(std::find(c.failures.begin(), c.failures.end(), "orientation: " + check.line) !=
                    c.failures.end());
            if (check.sizesSwapped)
                QCOMPARE(c.metrics.pearson, 1.0);
            else
                QCOMPARE(c.metrics.pearson, *check.pearsonAsIs);
        }
        const Comparison same = compareImages(reference, reference, Thresholds{});
        QCOMPARE(same.verdict, Verdict::Pass);
        QVERIFY(!same.orientation);  // a passing correlation is not searched
    }

    void transposedRawDataReadWithTheReferenceSize() {
        const Image reference = asymmetric(6, 4);
        Image candidate = applyOrientation(reference, Orientation::Transpose);  // 4x6 ...
        candidate.fpixels = 6, candidate.spixels = 4;                           // ... read as 6x4
        const OrientationCheck check = checkOrientation(reference, candidate);
        QVERIFY(check.found);
        QCOMPARE(check.found->orientation, Orientation::Transpose);
        QVERIFY(check.found->reshaped);
        QCOMPARE(check.found->pearson, 1.0);
        QVERIFY(check.line.find("its raw data read with the reference's 6x4 size") != std::string::npos);
    }

    void unrelatedSwappedImageIsNotNamed() {
        Image candidate(4, 6);
        for (std::size_t i = 0; i < candidate.size(); ++i) candidate.pixels[i] = float((i * 5) % 3);
        const Comparison c = compareImages(asymmetric(6, 4), candidate, Thresholds{});
        QCOMPARE(c.verdict, Verdict::Blocked);
        QVERIFY(c.orientation && !c.orientation->found);
        QVERIFY(c.orientation->line.find("no transpose of it matches") != std::string::npos);
    }

    void ulpDistances() {
        QCOMPARE(ulpDistance(1.0f, std::nextafter(1.0f, 2.0f)), std::uint64_t(1));
        QCOMPARE(ulpDistance(std::nextafter(1.0f, 0.0f), 1.0f), std::uint64_t(1));
        QCOMPARE(ulpDistance(0.0f, -0.0f), std::uint64_t(0));
        const float tiny = std::numeric_limits<float>::denorm_min();
        QCOMPARE(ulpDistance(-tiny, tiny), std::uint64_t(2));
        QCOMPARE(ulpDistance(1.0f, -1.0f), std::uint64_t(2) * 0x3F800000u);
        QCOMPARE(ulpDistance(2.0f, 2.01f), std::uint64_t(41943));     // (2.01f − 2) / 2^-22
        QCOMPARE(ulpDistance(100.0f, 100.5f), std::uint64_t(65536));  // 0.5 / 2^-17
    }

    void pixelGateCountsAndHistograms() {
        // numpy.isclose(c, r, atol=1e-6, rtol=1e-3) by hand: fails at 1 (Δ 0.01 > 0.002), 3 (Δ 0.5 >
        // 0.1) and 7 (NaN); passes at 2 (Δ 1e-9 ≤ atol although r = 0) and 4 (one ULP).
        const float inf = std::numeric_limits<float>::infinity(),
                    nan = std::numeric_limits<float>::quiet_NaN();
        Image r(4, 2), c(4, 2);
        r.pixels = {1, 2, 0, 100, 1, -1, inf, nan};
        c.pixels = {1, 2.01f, 1e-9f, 100.5f, std::nextafter(1.0f, 2.0f), -1, inf, 1};
        const PixelGate g = pixelGate(r, c, 1e-6, 1e-3, 0, 3, 0, 1);
        QCOMPARE(g.pixels, std::size_t(8));
        QCOMPARE(g.failing, std::size_t(3));
        QCOMPARE(g.failingShare(), 0.375);
        QCOMPARE(*g.mask, (std::vector<std::uint8_t>{0, 1, 0, 1, 0, 0, 0, 1}));
        QCOMPARE(g.firstFailing.front(), (PixelPosition{1, 0}));
        // Relative error: 0 twice, 1.19e-7 in [1e-7, 1e-6), 0.005 twice in [1e-3, 1e-2), inf in [1, inf].
        QCOMPARE(g.relativeError.size(), std::size_t(18));
        std::vector<std::size_t> rel(18, 0);
        rel[0] = 2, rel[10] = 1, rel[14] = 2, rel[17] = 1;
        for (std::size_t i = 0; i < rel.size(); ++i) QCOMPARE(g.relativeError[i].count, rel[i]);
        QCOMPARE(g.relativeError[10].from, 1e-7);
        QCOMPARE(g.relativeError[14].from, 1e-3);
        QCOMPARE(g.relativeError[14].to, 1e-2);
        // ULP: 0 twice, 1, 41943 in [2^15, 2^16 − 1], 65536 in [2^16, 2^17 − 1], 814313567 (0 vs 1e-9f) in
        // bin 30.
        QCOMPARE(g.ulpDistance.size(), std::size_t(33));
        std::vector<std::size_t> ulp(33, 0);
        ulp[0] = 2, ulp[1] = 1, ulp[16] = 1, ulp[17] = 1, ulp[30] = 1;
        for (std::size_t i = 0; i < ulp.size(); ++i) QCOMPARE(g.ulpDistance[i].count, ulp[i]);
        QCOMPARE(g.ulpDistance[16].from, 32768.0);
        QCOMPARE(g.ulpDistance[16].to, 65535.0);
        QCOMPARE(
            describe(g),
            std::string("3 of 8 pixels (37.5%) fail |c - r| <= 1e-06 + 0.001*|r|, first at fast 1 slow 0"));

        // The gate blocks the verdict (the NaN alone would too: without it, only the gate).
        Thresholds t;
        t.pearsonMin = -1, t.sumRatioTol = 1, t.peakDistanceMax = -1, t.atol = 1e-6, t.rtol = 1e-3;
        c.pixels[7] = nan;
        Comparison k = compareImages(r, c, t);
        QCOMPARE(k.verdict, Verdict::Blocked);
        QVERIFY(k.pixelGate);
        QCOMPARE(k.pixelGate->failing, std::size_t(2));  // the shared NaN agrees
        QCOMPARE(k.failures.back().rfind("per-pixel gate: 2 of 8 pixels (25%)", 0), std::size_t(0));
        // Only --atol: rtol counts as 0; an ROI narrows the pixels counted.
        t.rtol = -1, t.atol = 0.6;
        k = compareImages(r, c, t, Roi{1, 3, 0, 0});
        QCOMPARE(k.pixelGate->pixels, std::size_t(3));
        QCOMPARE(k.pixelGate->failing, std::size_t(0));
        QCOMPARE(k.verdict, Verdict::Pass);
        // Not asked for: not computed.
        QVERIFY(!compareImages(r, c, Thresholds{}).pixelGate);
    }

    void noiseFloorOfTwoRuns() {
        Image a = asymmetric(8, 8), b = a;
        NoiseFloor n = noiseFloor(a, b);
        QVERIFY(n.deterministic);
        QCOMPARE(n.maxAbsDiff, 0.0);
        b.at(3, 2) += 0.5f;
        b.at(7, 7) -= 0.25f;
        n = noiseFloor(a, b);
        QVERIFY(!n.deterministic);
        QCOMPARE(n.differingPixels, std::size_t(2));
        QCOMPARE(n.maxAbsDiff, 0.5);
        QVERIFY(n.pearson < 1 && n.pearson > 0.99);
        QCOMPARE(describe(n, "candidate").rfind("candidate is not deterministic: run-to-run pearson", 0),
                 std::size_t(0));

        // A reference-vs-candidate difference no larger than the candidate's noise is said to be noise.
        Image candidate = a;
        candidate.at(1, 1) += 0.25f;
        Thresholds strict;
        strict.pearsonMin = 0.999999999;
        Comparison c = compareImages(a, candidate, strict);
        QCOMPARE(c.verdict, Verdict::Blocked);
        c.candidateNoise = n;
        applyNoiseFloors(c);
        QVERIFY2(c.withinNoise.find("within the candidate's run-to-run noise") != std::string::npos,
                 c.withinNoise.c_str());
        // Larger than the noise: not within.
        candidate.at(1, 1) += 1.0f;
        c = compareImages(a, candidate, strict);
        c.candidateNoise = n;
        applyNoiseFloors(c);
        QVERIFY(c.withinNoise.empty());
        // A deterministic side has no floor to hide behind.
        c.candidateNoise = noiseFloor(a, a);
        applyNoiseFloors(c);
        QVERIFY(c.withinNoise.empty());
    }
};

QTEST_GUILESS_MAIN(CompareWhyTest)
#include "compare_why_test.moc"
