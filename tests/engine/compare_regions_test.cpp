// Where two images part: tiles, resolution shells, spots vs background, registration, scale and
// the diagnosis line, each on a constructed image whose answer is known by hand.
#include <QtTest>

#include <cmath>
#include <limits>

#include "compare/Comparison.h"
#include "compare/DSpacingMap.h"
#include "core/Error.h"
#include "params/Derive.h"

using namespace bragg;

namespace {

constexpr double kSpotSigmaPx = 1.5;
constexpr int kSide = 128;

// Deterministic values in [0, 1) (a hash of i), so the tests need no random engine.
double hashUnit(unsigned i) {
    i = (i ^ 61u) ^ (i >> 16);
    i *= 9u;
    i ^= i >> 4;
    i *= 0x27d4eb2du;
    i ^= i >> 15;
    return double(i % 100000u) / 100000.0;
}

// Gaussian spots (σ = 1.5 px) on a 12 px lattice with jittered centres and amplitudes 0.6–1.0,
// all moved by (shiftFast, shiftSlow) px and spread from the image centre by radialScale.
// Evaluated analytically, so a moved pattern is exact.
Image spotPattern(double shiftFastPx = 0, double shiftSlowPx = 0, bool integerCentres = false,
                  double radialScale = 1) {
    constexpr double kCentrePx = (kSide - 1) / 2.0;
    Image img(kSide, kSide);
    unsigned n = 0;
    for (int gs = 6; gs < kSide - 6; gs += 12)
        for (int gf = 6; gf < kSide - 6; gf += 12, ++n) {
            const double cf0 = gf + (integerCentres ? 0 : 3 * (hashUnit(2 * n) - 0.5));
            const double cs0 = gs + (integerCentres ? 0 : 3 * (hashUnit(2 * n + 1) - 0.5));
            const double cf = kCentrePx + radialScale * (cf0 - kCentrePx) + shiftFastPx;
            const double cs = kCentrePx + radialScale * (cs0 - kCentrePx) + shiftSlowPx;
            const double amplitude = 0.6 + 0.4 * hashUnit(1000 + n);
            for (int s = 0; s < kSide; ++s)
                for (int f = 0; f < kSide; ++f) {
                    const double r2 = (f - cf) * (f - cf) + (s - cs) * (s - cs);
                    if (r2 < 100)
                        img.at(f, s) += float(amplitude * std::exp(-r2 / (2 * kSpotSigmaPx * kSpotSigmaPx)));
                }
        }
    return img;
}

Comparison withRegions(const Image& a, const Image& b, const std::vector<double>* dSpacingA = nullptr,
                       const RegionOptions& options = {}) {
    Comparison c = compareImages(a, b, Thresholds{});
    addRegions(c, a, b, options, dSpacingA);
    return c;
}

}  // namespace

class CompareRegionsTest : public QObject {
    Q_OBJECT
private slots:
    void identicalImagesHaveNoDiagnosis() {
        const Image a = spotPattern();
        const Comparison c = withRegions(a, a);
        QVERIFY(c.regions);
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::None);
        QVERIFY(c.regions->diagnosis.line.empty());
        QCOMPARE(c.regions->registration.shiftFastPx, 0.0);
        QCOMPARE(c.regions->registration.shiftSlowPx, 0.0);
        QVERIFY(!c.regions->registration.shiftSignificant);
        QCOMPARE(c.regions->scale.scale, 1.0);
        QCOMPARE(c.regions->tiles.size(), std::size_t(64));
        QVERIFY(!c.regions->shellsSkipped.empty());  // no geometry given
    }

    // Half a pixel along fast. Two Gaussians (σ = 1.5) 0.5 px apart overlap by c = exp(−0.5²/(4σ²))
    // = 0.9726; mean-free over N = 128² pixels, with S1 = Σ A·2πσ² = 1136.8 and S2 = Σ A²·πσ² =
    // 467.04 over this pattern's amplitudes A, pearson = (c·S2 − S1²/N)/(S2 − S1²/N) = 0.9670. The
    // registration finds +0.50 and undoing it restores agreement.
    void halfPixelShiftIsRecognised() {
        const Image a = spotPattern(), b = spotPattern(0.5, 0);
        const Comparison c = withRegions(a, b);
        const Registration& r = c.regions->registration;
        QVERIFY2(std::fabs(r.shiftFastPx - 0.5) < 0.05, qPrintable(QString::number(r.shiftFastPx)));
        QVERIFY2(std::fabs(r.shiftSlowPx) < 0.05, qPrintable(QString::number(r.shiftSlowPx)));
        QVERIFY(r.shiftSignificant);
        QVERIFY2(std::fabs(r.pearsonUnshifted - 0.9670) < 0.001,
                 qPrintable(QString::number(r.pearsonUnshifted)));
        QVERIFY2(r.pearsonShifted > 0.999, qPrintable(QString::number(r.pearsonShifted)));
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::Shift);
        QVERIFY2(c.regions->diagnosis.line.starts_with("candidate is shifted by (+0.50, +0.00) px"),
                 c.regions->diagnosis.line.c_str());
        QVERIFY(c.regions->diagnosis.line.find("beam centre and pix0") != std::string::npos);
    }

    // A shift that is not symmetric about a pixel: (−0.30, +0.70).
    void subPixelShiftBothAxes() {
        const Registration r = registerImages(spotPattern(), spotPattern(-0.3, 0.7));
        QVERIFY2(std::fabs(r.shiftFastPx + 0.3) < 0.05, qPrintable(QString::number(r.shiftFastPx)));
        QVERIFY2(std::fabs(r.shiftSlowPx - 0.7) < 0.05, qPrintable(QString::number(r.shiftSlowPx)));
        // Three whole pixels: the Hann window's own autocorrelation pulls the peak slightly toward 0
        // (measured −2.9913), within the 0.05 px the registration promises.
        const Registration whole = registerImages(spotPattern(), spotPattern(0, -3));
        QVERIFY2(std::fabs(whole.shiftFastPx) < 0.05, qPrintable(QString::number(whole.shiftFastPx)));
        QVERIFY2(std::fabs(whole.shiftSlowPx + 3) < 0.05, qPrintable(QString::number(whole.shiftSlowPx)));
    }

    // candidate = 1.003 · reference: scale 1.003, residual 0.003/1.003 of the candidate before and
    // ~0 after, pearson 1; the diagnosis says scale, not shift.
    void scaleIsRecognised() {
        const Image a = spotPattern();
        Image b = a;
        for (float& v : b.pixels) v *= 1.003f;
        const Comparison c = withRegions(a, b);
        QCOMPARE(c.verdict, Verdict::Blocked);
        QVERIFY(std::fabs(c.regions->scale.scale - 1.003) < 1e-6);
        QVERIFY(std::fabs(c.regions->scale.residualRmsRel - 0.003 / 1.003) < 1e-6);
        QVERIFY(c.regions->scale.residualRmsRelAfterScale < 1e-6);
        QVERIFY(!c.regions->registration.shiftSignificant);
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::Scale);
        QVERIFY2(c.regions->diagnosis.line.starts_with("candidate = 1.003 x reference"),
                 c.regions->diagnosis.line.c_str());
    }

    // A factor 1 + 0.05·(r/64)² with r the distance from the image centre, and d = 1000/r Å:
    // the outer shells' sum ratio approaches 1.05, the inner stays near 1.
    void resolutionTrendIsRecognised() {
        Image a = spotPattern();
        for (float& v : a.pixels) v += 0.01f;  // a background, so every shell has signal
        Image b = a;
        std::vector<double> dSpacingA(a.size());
        for (int s = 0; s < kSide; ++s)
            for (int f = 0; f < kSide; ++f) {
                const double r = std::hypot(f - 63.5, s - 63.5);
                b.at(f, s) = float(a.at(f, s) * (1 + 0.05 * (r / 64) * (r / 64)));
                dSpacingA[std::size_t(s) * kSide + std::size_t(f)] = 1000 / r;
            }
        const Comparison c = withRegions(a, b, &dSpacingA);
        const std::vector<ShellMetrics>& shells = c.regions->shells;
        QCOMPARE(shells.size(), std::size_t(10));
        QVERIFY(c.regions->shellsSkipped.empty());
        // Equal-count shells: the innermost holds r ≤ √(0.1·128²/π) ≈ 22.8 px, so its ratio is at
        // most 1 + 0.05·(22.8/64)² = 1.0063; the outermost reaches the corners (r up to 90 px).
        QVERIFY2(shells.front().metrics.sumRatio < 1.0064,
                 qPrintable(QString::number(shells.front().metrics.sumRatio)));
        QVERIFY2(shells.back().metrics.sumRatio > 1.05,
                 qPrintable(QString::number(shells.back().metrics.sumRatio)));
        for (std::size_t i = 1; i < shells.size(); ++i) {
            QVERIFY(shells[i].metrics.sumRatio > shells[i - 1].metrics.sumRatio);
            QVERIFY(shells[i].dMaxA <= shells[i - 1].dMinA);  // low resolution first
        }
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::Resolution);
        QVERIFY(c.regions->diagnosis.line.find(
                    "check lambda, dispersion, mosaicity, polarization, solid angle") != std::string::npos);
    }

    // ±10% noise inside the spot discs only (integer spot centres, radius 2 = the spot mask):
    // all of Σ Δ² is on the spots and the background is untouched.
    void noiseOnSpotsIsRecognised() {
        const Image a = spotPattern(0, 0, true);
        Image b = a;
        unsigned n = 0;
        for (int gs = 6; gs < kSide - 6; gs += 12)
            for (int gf = 6; gf < kSide - 6; gf += 12)
                for (int ds = -2; ds <= 2; ++ds)
                    for (int df = -2; df <= 2; ++df)
                        if (df * df + ds * ds <= 4)
                            b.at(gf + df, gs + ds) *= float(1 + 0.2 * (hashUnit(n++) - 0.5));
        const Comparison c = withRegions(a, b);
        const SpotMetrics& s = c.regions->spots;
        QCOMPARE(s.peaks, 100);  // the 10 × 10 lattice
        QCOMPARE(s.spots.pixels, std::size_t(100 * 13));
        QCOMPARE(s.spotSquaredDiffFraction, 1.0);
        QCOMPARE(s.background.maxAbsDiff, 0.0);
        QCOMPARE(s.background.pearson, 1.0);
        QVERIFY(s.spots.pearson < 0.9999);
        QCOMPARE(s.centroidSpots, 100);
        QVERIFY2(s.meanCentroidShiftPx < 0.05,  // measured 0.012
                 qPrintable(QString::number(s.meanCentroidShiftPx)));
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::Spots);
        QVERIFY2(c.regions->diagnosis.line.starts_with(
                     "only spots differ: 100.0% of sum(diff^2) on the reference's 100 spots"),
                 c.regions->diagnosis.line.c_str());
    }

    // Spot positions spread by 1% from the centre (as a wrong λ or distance would): each spot moves
    // by 0.01·r, 0.46 px on average (0.81 px at most) for this pattern; no global shift explains
    // it. The centroid disc (3 px around the reference peak) cuts the moved Gaussian's tail, so it
    // sees part of that move (measured 0.314 px); above 0.25 px the spots count as moved.
    void movingSpotsAreRecognised() {
        const Comparison c = withRegions(spotPattern(), spotPattern(0, 0, false, 1.01));
        QVERIFY(!c.regions->registration.shiftSignificant);
        const double moved = c.regions->spots.meanCentroidShiftPx;
        QVERIFY2(moved > 0.25 && moved < 0.46, qPrintable(QString::number(moved)));
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::SpotsMoved);
        QVERIFY2(c.regions->diagnosis.line.starts_with("spots move, not as one shift"),
                 c.regions->diagnosis.line.c_str());
    }

    // One tile of the 8 × 8 grid 1.5 times brighter: that tile alone fails, with sum ratio 1.5.
    void oneTileDiffers() {
        const Image a = spotPattern();
        Image b = a;
        for (int s = 5 * 16; s < 6 * 16; ++s)
            for (int f = 2 * 16; f < 3 * 16; ++f) b.at(f, s) *= 1.5f;
        const Comparison c = withRegions(a, b);
        int failing = 0;
        for (const TileMetrics& t : c.regions->tiles) {
            if (t.column == 2 && t.row == 5) {
                QCOMPARE(t.fastBegin, 32);
                QCOMPARE(t.fastEnd, 48);
                QCOMPARE(t.slowBegin, 80);
                QCOMPARE(t.slowEnd, 96);
                QVERIFY(std::fabs(t.metrics.sumRatio - 1.5) < 1e-6);
                QVERIFY(!t.failures.empty());
            } else {
                QCOMPARE(t.metrics.sumRatio, 1.0);
                QVERIFY(t.failures.empty());
            }
            failing += !t.failures.empty();
        }
        QCOMPARE(failing, 1);
        QCOMPARE(c.regions->diagnosis.kind, DiagnosisKind::Local);
        QVERIFY2(c.regions->diagnosis.line.starts_with(
                     "the difference is local: 1 of 64 tiles fail, holding 100%"),
                 c.regions->diagnosis.line.c_str());
    }

    // Tile bounds i·W/columns on a 10 × 5 image with a 3 × 2 grid; an ROI moves them to image
    // coordinates.
    void tileBounds() {
        const Image a(10, 5);
        const std::vector<TileMetrics> tiles = tileMetrics(a, a, {3, 2}, Thresholds{});
        QCOMPARE(tiles.size(), std::size_t(6));
        QCOMPARE(tiles[2].fastBegin, 6);
        QCOMPARE(tiles[2].fastEnd, 10);
        QCOMPARE(tiles[3].slowBegin, 2);
        QCOMPARE(tiles[3].slowEnd, 5);
        QCOMPARE(tiles[4].metrics.pixels, std::size_t(3 * 3));
        Comparison c = compareImages(a, a, Thresholds{}, Roi{4, 9, 1, 4});
        addRegions(c, a, a, RegionOptions{{2, 2}, {}, {}});
        QCOMPARE(c.regions->tiles[3].fastBegin, 7);
        QCOMPARE(c.regions->tiles[3].slowBegin, 3);
        QVERIFY_THROWS_EXCEPTION(Error, tileMetrics(a, a, {0, 2}, Thresholds{}));
    }

    // d = ∞, 10, 5, 2.5 Å (1/d² = 0, 0.01, 0.04, 0.16): two equal-count shells split 2 + 2;
    // two equal-1/d² shells split at 0.08, so 3 + 1.
    void shellModes() {
        Image a(4, 1), b(4, 1);
        const std::vector<double> d{std::numeric_limits<double>::infinity(), 10, 5, 2.5};
        std::vector<ShellMetrics> s = shellMetrics(a, b, d, {2, ShellMode::EqualCount});
        QCOMPARE(s[0].metrics.pixels, std::size_t(2));
        QVERIFY(std::isinf(s[0].dMaxA));
        QCOMPARE(s[0].dMinA, 10.0);
        QCOMPARE(s[1].dMaxA, 5.0);
        QCOMPARE(s[1].dMinA, 2.5);
        s = shellMetrics(a, b, d, {2, ShellMode::EqualInvD2});
        QCOMPARE(s[0].metrics.pixels, std::size_t(3));
        QCOMPARE(s[0].dMinA, 5.0);
        QCOMPARE(s[1].metrics.pixels, std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(Error, shellMetrics(a, b, {1.0}, {}));
    }

    // 64² pixels of 0.1 mm at 100 mm, λ = 1 Å, default (MOSFLM) beam centre 3.25 mm + half a pixel
    // from the corner: pixel (0, 0) is 3.25 mm from the beam on each axis, so 2θ = atan(4.596/100)
    // and d = 1/(2 sin θ) = 21.7744 Å.
    void dSpacingMapFromExperiment() {
        Params p;
        p.cell = std::array<double, 6>{100, 100, 100, 90, 90, 90};
        p.defaultF = 100;
        p.fpixels = p.spixels = 64;
        const std::vector<double> d = dSpacingMapA(deriveExperiment(p));
        QCOMPARE(d.size(), std::size_t(64 * 64));
        QVERIFY2(std::fabs(d[0] - 21.7744) < 1e-3, qPrintable(QString::number(d[0], 'g', 8)));
        QVERIFY(d[32 * 64 + 32] > 1000);  // next to the direct beam
    }

    // Metrics over a pixel list agree with the whole-image metrics when the list is every pixel,
    // and ignore non-finite pixels as the whole-image metrics do.
    void subsetMetricsMatchWhole() {
        Image a = spotPattern(), b = spotPattern(0.5, 0);
        a.at(3, 3) = std::numeric_limits<float>::quiet_NaN();
        std::vector<std::uint32_t> all(a.size());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = std::uint32_t(i);
        const BasicMetrics whole = basicMetrics(a, b), listed = basicMetrics(a, b, all);
        QCOMPARE(listed.pearson, whole.pearson);
        QCOMPARE(listed.sumB, whole.sumB);
        QCOMPARE(listed.finitePixels, std::size_t(kSide * kSide - 1));
        QCOMPARE(listed.maxAbsDiffFast, whole.maxAbsDiffFast);
    }
};

QTEST_GUILESS_MAIN(CompareRegionsTest)
#include "compare_regions_test.moc"
