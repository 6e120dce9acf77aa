// --physics corrected: each fix against an analytic expectation, in both engines, and the
// parsing of the mode.
#include <QFile>
#include <QTemporaryDir>
#include <QTextStream>
#include <QtTest>

#include "IoTestSupport.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"
#include "physics/Physics.h"
#include "render/Engine.h"

using namespace bragg;

namespace {

const std::vector<std::string> kBase{"-cell", "70",      "80",  "90",        "75", "85",
                                     "95",    "-lambda", "1.1", "-distance", "80", "-detpixels",
                                     "48",    "-pixel",  "0.6", "-N",        "5"};

std::vector<std::string> with(std::initializer_list<std::string> extra) {
    std::vector<std::string> flags = kBase;
    flags.insert(flags.end(), extra);
    return flags;
}

Experiment derive(const std::vector<std::string>& flags, const std::string& physics = "nanobragg") {
    Params p = parseNanoBraggFlags(flags).params;
    p.fixes = parsePhysicsMode(physics);
    return deriveExperiment(p);
}

// Value of `quantity` at `site` in a trace (NaN if absent).
double at(const PixelTrace& t, const TraceSite& site, const std::string& quantity) {
    for (const TraceEntry& e : t.entries)
        if (e.site == site && e.quantity == quantity) return e.value;
    return std::nan("");
}

Vec3 vecAt(const PixelTrace& t, const TraceSite& site, const std::string& name) {
    return {at(t, site, name + ".x"), at(t, site, name + ".y"), at(t, site, name + ".z")};
}

double maxRelativeDifference(const Image& a, const Image& b) {
    double peak = 0, worst = 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) peak = std::max(peak, double(std::fabs(a.pixels[i])));
    for (std::size_t i = 0; i < a.pixels.size(); ++i)
        worst = std::max(worst, double(std::fabs(a.pixels[i] - b.pixels[i])));
    return peak > 0 ? worst / peak : worst;
}

using iotest::writeSmallHkl;

}  // namespace

class PhysicsCorrectedTest : public QObject {
    Q_OBJECT

private slots:
    void parsesModesAndFixLists() {
        QVERIFY(!parsePhysicsMode("nanobragg").any());
        const PhysicsFixes all = parsePhysicsMode("corrected");
        for (const PhysicsFixInfo& info : physicsFixInfos()) QVERIFY(all.*info.flag);
        const PhysicsFixes two = parsePhysicsMode("phi-zero,water");
        QVERIFY(two.phiZeroRotation && two.waterScaleOnce);
        QVERIFY(!two.allLayerCapture && !two.oversampleFactorPerTerm && !two.stickyInterpolation);
        const PhysicsFixes allButWater = parsePhysicsMode("corrected,no-water");
        QVERIFY(!allButWater.waterScaleOnce && allButWater.phiZeroRotation &&
                allButWater.stickyInterpolation);
        QCOMPARE(QString::fromStdString(physicsModeName(all)), QString("corrected"));
        QCOMPARE(QString::fromStdString(physicsModeName(two)), QString("phi-zero,water"));
        QCOMPARE(QString::fromStdString(physicsModeName({})), QString("nanobragg"));
        for (const PhysicsFixInfo& info : physicsFixInfos()) QVERIFY(parsePhysicsMode(info.name).*info.flag);
        try {
            parsePhysicsMode("corrected,bogus");
            QFAIL("expected a usage error");
        } catch (const Error& e) {
            QCOMPARE(int(e.kind()), int(ErrorKind::Usage));
            QVERIFY(QString(e.what()).contains("--physics") && QString(e.what()).contains("bogus"));
        }
    }

    // φ fix: the φ = 0 step uses the unrotated crystal; nanoBragg carries the last rotation over.
    void phiZeroStepUsesTheUnrotatedCrystal() {
        const std::vector<std::string> flags =
            with({"-default_F", "100", "-phi", "0", "-osc", "2", "-phisteps", "3"});
        const Experiment quirk = derive(flags), fixed = derive(flags, "phi-zero");
        QVERIFY(quirk.crystal.aLater[0] != quirk.crystal.a0);  // the carried-over φ_last
        QCOMPARE(fixed.crystal.aLater[0], fixed.crystal.a0);
        QCOMPARE(fixed.crystal.aFirst, fixed.crystal.aLater);  // no start-up special case left
        for (const char* engine : {"reference", "optimized"}) {
            const PixelTrace t = makeEngine(engine)->tracePixel(fixed, 30, 20);
            const TraceSite source{0, 0, 0, 0};
            TraceSite term = source;
            term.phi = 0, term.domain = 0;
            const Vec3 S = vecAt(t, source, "S");
            QCOMPARE(at(t, term, "h"), fixed.crystal.a0.dot(S));
            QCOMPARE(at(t, term, "l"), fixed.crystal.c0.dot(S));
        }
    }

    // Thickness fix: K layers of T/K whose capture fractions sum to 1 − exp(−μT/ρ); nanoBragg's
    // T/(K−1) spacing captures as if the sensor were K·T/(K−1) thick.
    void captureFractionsOfAllLayersSumToTheSensorsAbsorption() {
        const std::vector<std::string> flags =
            with({"-default_F", "100", "-oversample", "1", "-detector_thick", "300", "-detector_thicksteps",
                  "4", "-detector_abs", "500"});
        for (const char* physics : {"thickness", "nanobragg"}) {
            const Experiment e = derive(flags, physics);
            const PixelTrace t = makeEngine("reference")->tracePixel(e, 24, 24);
            const double T = 300e-6, mu = 1 / 500e-6, K = 4;
            const double rho = vecAt(t, TraceSite{0, 0, 0}, "d").dot(e.detector.odet);
            double sum = 0;
            for (int layer = 0; layer < 4; ++layer) sum += at(t, TraceSite{layer, 0, 0}, "capture");
            const double sensor = 1 - std::exp(-mu * T / rho),
                         stretched = 1 - std::exp(-mu * T * K / (K - 1) / rho);
            qInfo("%s: sum of capture fractions %.9f; 1 - exp(-muT/rho) = %.9f", physics, sum, sensor);
            if (std::string(physics) == "thickness")
                QVERIFY(std::fabs(sum / sensor - 1) < 1e-6);
            else
                QVERIFY(std::fabs(sum / stretched - 1) < 1e-6);
        }
        // Corrected pixel: Σ_t cap_t·I_t; nanoBragg: cap_{K−1}·Σ_t I_t. With N = 1 every term is F²,
        // so value = r_e²·fluence·F²·polar·ω·Σ_t cap_t exactly (and K·cap_{K−1} for nanoBragg).
        std::vector<std::string> uniform = flags;
        uniform.insert(uniform.end(), {"-N", "1"});  // the later -N wins
        for (const char* physics : {"thickness", "nanobragg"}) {
            const Experiment e = derive(uniform, physics);
            const PixelTrace t = makeEngine("reference")->tracePixel(e, 24, 24);
            double layers = 0;
            for (int layer = 0; layer < 4; ++layer) layers += at(t, TraceSite{layer, 0, 0}, "capture");
            if (std::string(physics) == "nanobragg") layers = 4 * at(t, TraceSite{3, 0, 0}, "capture");
            const double expected = kElectronRadiusSquared * e.beam.fluence * 100 * 100 * layers *
                                    at(t, TraceSite{}, "end_polar") * at(t, TraceSite{}, "end_omega");
            for (const char* engine : {"reference", "optimized"}) {
                const double value = makeEngine(engine)->render(e).at(24, 24);
                qInfo("%s %s: pixel %.9g, expected %.9g", physics, engine, value, expected);
                QVERIFY(std::fabs(value / expected - 1) < 1e-6);
            }
        }
    }

    // Oversample-flag fix: with one sub-pixel (and one source, one layer), a flag's factor per term
    // gives the same image as applying it once at the end; nanoBragg's fold does not.
    void perTermFactorsEqualEndFactorsWithOneSubpixel_data() {
        QTest::addColumn<QString>("flag");
        QTest::newRow("omega") << "-oversample_omega";
        QTest::newRow("polar") << "-oversample_polar";
    }
    void perTermFactorsEqualEndFactorsWithOneSubpixel() {
        QFETCH(QString, flag);
        const std::vector<std::string> plain = with({"-default_F", "100", "-oversample", "1", "-water", "50",
                                                     "-phi", "1", "-osc", "1", "-phisteps", "3"});
        std::vector<std::string> flagged = plain;
        flagged.push_back(flag.toStdString());
        for (const char* engine : {"reference", "optimized"}) {
            const Image expected = makeEngine(engine)->render(derive(plain, "corrected"));
            const Image fixed = makeEngine(engine)->render(derive(flagged, "corrected"));
            const Image folded = makeEngine(engine)->render(derive(flagged));
            QVERIFY2(maxRelativeDifference(expected, fixed) < 1e-6, engine);
            QVERIFY2(maxRelativeDifference(expected, folded) > 1e-2, engine);  // the quirk is visible
        }
    }

    // Water fix: a water-only image is I_bg·polar·ω per pixel, whatever the number of steps.
    void waterBackgroundIsScaledOnce() {
        const double W = 100e-6, Fw = 2.57;
        QTemporaryDir dir;
        QFile zero(dir.filePath("zero.hkl"));
        QVERIFY(zero.open(QIODevice::WriteOnly));
        zero.write("0 0 0 0\n");
        zero.close();
        for (const char* phi : {"1", "4"}) {  // 1 and 4 steps
            const std::vector<std::string> flags =
                with({"-hkl", zero.fileName().toStdString(), "-default_F", "0", "-water", "100", "-phi", "1",
                      "-osc", "1", "-phisteps", phi});
            const Experiment fixed = derive(flags, "water"), quirk = derive(flags);
            const double Ibg =
                Fw * Fw * kElectronRadiusSquared * fixed.beam.fluence * W * W * W * 1e6 * kAvogadro / 18;
            for (const char* engine : {"reference", "optimized"}) {
                const Image image = makeEngine(engine)->render(fixed);
                const PixelTrace t = makeEngine("reference")->tracePixel(fixed, 11, 37);
                const double expected =
                    Ibg * at(t, TraceSite{}, "end_polar") * at(t, TraceSite{}, "end_omega");
                QVERIFY(std::fabs(image.at(11, 37) / expected - 1) < 1e-6);
                const double nanoBragg = makeEngine(engine)->render(quirk).at(11, 37);
                const double quirkExpected =
                    expected * kElectronRadiusSquared * quirk.beam.fluence / double(quirk.steps);
                QVERIFY(std::fabs(nanoBragg / quirkExpected - 1) < 1e-6);
            }
        }
    }

    // Interpolation fix: every F_cell is tricubic where the evaluation is in range and nearest
    // otherwise, also in pixels after nanoBragg's sticky switch-off.
    void interpolationFallsBackPerEvaluation() {
        QTemporaryDir dir;
        const std::vector<std::string> flags = with({"-hkl", writeSmallHkl(dir), "-interpolate"});
        const Experiment fixed = derive(flags, "interpolation"), quirk = derive(flags);
        const io::HklTable& table = *fixed.crystal.hkl;
        for (const char* engine : {"reference", "optimized"}) {
            const PixelTrace t = makeEngine(engine)->tracePixel(fixed, 24, 24);
            const PixelTrace q = makeEngine(engine)->tracePixel(quirk, 24, 24);
            int tricubic = 0, checked = 0;
            for (const TraceEntry& e : t.entries) {
                if (e.quantity != "F_cell") continue;
                const double h = at(t, e.site, "h"), k = at(t, e.site, "k"), l = at(t, e.site, "l");
                const bool in = physics::interpolationInRange(table, h, k, l);
                const double want = in ? physics::structureFactorTricubic(table, h, k, l)
                                       : physics::structureFactorNearest(
                                             &table, fixed.crystal.defaultF, physics::nearestIndex(h),
                                             physics::nearestIndex(k), physics::nearestIndex(l));
                QVERIFY(std::fabs(e.value - want) <= 1e-9 * std::fabs(want) + 1e-12);
                const double nearestOnly = at(q, e.site, "F_cell");
                if (!std::isnan(nearestOnly))  // nanoBragg switched off before this pixel: nearest only
                    QCOMPARE(nearestOnly, physics::structureFactorNearest(
                                              &table, fixed.crystal.defaultF, physics::nearestIndex(h),
                                              physics::nearestIndex(k), physics::nearestIndex(l)));
                tricubic += in && want != nearestOnly;
                ++checked;
            }
            qInfo("%s: %d F_cell evaluations checked, %d interpolated where nanoBragg no longer does", engine,
                  checked, tricubic);
            QVERIFY(checked > 0 && tricubic > 0);
        }
    }

    // shape-limit: nanoBragg's sinc3 cancels to 0 for a tiny non-zero argument (a round crystal's
    // node then gets F_latt = 0 instead of its maximum); the series does not.
    void roundCrystalLimitIsStable() {
        QCOMPARE(physics::sinc3(1e-9), 0.0);  // the quirk: sin x/x and cos x both round to 1
        QCOMPARE(physics::sinc3Stable(1e-9), 1.0);
        QCOMPARE(physics::sinc3Stable(0.0), 1.0);
        for (double x : {1e-3, 0.02, 0.05, 0.0999999}) {
            // The closed form is accurate to ~3e-16/x² here: the two must agree to that.
            QVERIFY2(std::fabs(physics::sinc3Stable(x) - physics::sinc3(x)) <= 4e-16 / (x * x) + 1e-16,
                     qPrintable(QString("x = %1").arg(x)));
        }
        for (double x : {0.1, 0.5, 2.0, 4.4934}) QCOMPARE(physics::sinc3Stable(x), physics::sinc3(x));
        physics::LatticeInputs round{CrystalShape::Round, 3, 4, 5, 1.0, {}, {}, {}, false};
        QCOMPARE(physics::latticeFactor(round, 2 + 1e-12, 1, 0, 2, 1, 0), 0.0);
        round.stableLimit = true;
        QCOMPARE(physics::latticeFactor(round, 2 + 1e-12, 1, 0, 2, 1, 0), 60 * 0.723601254558268);
        QCOMPARE(physics::latticeFactor(round, 2, 1, 0, 2, 1, 0), 60 * 0.723601254558268);

        const std::vector<std::string> flags = with({"-default_F", "100", "-round_xtal"});
        const Experiment quirk = derive(flags), fixed = derive(flags, "shape-limit");
        QVERIFY(fixed.params.fixes.stableShapeLimit);
        const std::vector<std::string> quirks = quirksInEffect(quirk);
        QVERIFY(std::find(quirks.begin(), quirks.end(), "shape-limit") != quirks.end());
        const Image reference = makeEngine("reference")->render(fixed),
                    optimized = makeEngine("optimized")->render(fixed);
        QVERIFY(maxRelativeDifference(reference, optimized) < 1e-6);
        // Away from the nodes' centres the two forms agree to rounding.
        QVERIFY(maxRelativeDifference(makeEngine("reference")->render(quirk), reference) < 1e-9);
    }

    // Without any quirk's conditions, corrected and nanoBragg images are the same bits.
    void correctedEqualsNanoBraggWhereNoQuirkApplies() {
        const std::vector<std::string> flags =
            with({"-default_F", "100", "-mosaic", "1", "-mosaic_domains", "3", "-phi", "1", "-osc", "2",
                  "-phisteps", "2", "-oversample", "2"});
        const Experiment quirk = derive(flags), fixed = derive(flags, "corrected");
        QVERIFY(quirksInEffect(quirk).empty());
        for (const char* engine : {"reference", "optimized"}) {
            const Image a = makeEngine(engine)->render(quirk), b = makeEngine(engine)->render(fixed);
            QVERIFY(a.pixels == b.pixels);
        }
        QCOMPARE(int(quirksInEffect(derive(with({"-default_F", "1", "-water", "10"}))).size()), 1);
    }
};

QTEST_GUILESS_MAIN(PhysicsCorrectedTest)
#include "physics_corrected_test.moc"
