// "Why they differ": the reference engine's float32 evaluation (reference:f32) and the
// corrected-physics fixes as ablations on the reference side (quirk attribution).
#include <QtTest>

#include <cmath>

#include "compare/Bisect.h"
#include "compare/PrecisionCheck.h"
#include "compare/QuirkAttribution.h"
#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"
#include "render/Engine.h"
#include "PerturbedEngine.h"

using namespace bragg;

namespace {

Params paramsFrom(const QString& flags, const std::string& physics = "nanobragg") {
    std::vector<std::string> args;
    for (const QString& t : flags.split(' ', Qt::SkipEmptyParts)) args.push_back(t.toStdString());
    Params p = parseNanoBraggFlags(args).params;
    p.fixes = parsePhysicsMode(physics);
    return p;
}

Image render(const std::string& engine, const Params& p) {
    return makeEngine(engine)->render(deriveExperiment(p, 0));
}

// The reference engine with `fixes` on (what an engine side `reference` with --physics renders).
QuirkSide referenceSide(const Params& p, std::shared_ptr<const Image> candidate) {
    QuirkSide side;
    side.candidate = std::move(candidate);
    side.render = [p](const PhysicsFixes& fixes) {
        Params q = p;
        q.fixes = fixes;
        return render("reference", q);
    };
    return side;
}

const QString kCubic = "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 48 -N 5";
const QString kPhiZero = kCubic + " -phi 0 -osc 2 -phisteps 3 -mosaic 1 -mosaic_domains 3";

}  // namespace

class WhyQuirkPrecisionTest : public QObject {
    Q_OBJECT
private slots:
    void float32SideIsCloseButNotBitIdentical() {
        for (const QString& flags :
             {kCubic, kCubic + " -oversample 2 -round_xtal", kPhiZero + " -lambda 1.2"}) {
            const Params p = paramsFrom(flags);
            const Image f64 = render("reference", p), f32 = render("reference:f32", p);
            const BasicMetrics m = basicMetrics(f64, f32);
            QVERIFY2(m.pearson >= 0.9999,
                     qPrintable(flags + QString(": pearson %1").arg(m.pearson, 0, 'g', 10)));
            QVERIFY2(std::fabs(m.sumRatio - 1) < 1e-4, qPrintable(flags));
            QVERIFY2(m.maxAbsDiff > 0, qPrintable(flags + ": float32 gave the double image bit for bit"));
        }
        QCOMPARE(makeEngine("reference:f32")->name(), std::string("reference:f32"));
        const std::vector<std::string> names = engineNames();  // the golden-image engines
        QVERIFY(std::find(names.begin(), names.end(), "reference:f32") == names.end());
    }

    void float32TraceRecordsTheFloatValue() {
        const Params p = paramsFrom(kCubic);
        const Experiment e = deriveExperiment(p, 0);
        const PixelTrace t = makeEngine("reference:f32")->tracePixel(e, 30, 20);
        QCOMPARE(t.engine, std::string("reference:f32"));
        QCOMPARE(t.value, render("reference:f32", p).at(30, 20));
    }

    void precisionCheckNamesAFloat32Port() {
        const Params p = paramsFrom(kPhiZero);
        const Image reference = render("reference", p), f32 = render("reference:f32", p);
        const PrecisionCheck port = checkPrecision(reference, f32, f32);
        QVERIFY(port.f32AgreesWithCandidate);
        QCOMPARE(port.candidateVsReferenceF32.maxAbsDiff, 0.0);
        QVERIFY(QString::fromStdString(port.conclusion).startsWith("reference-f32 agrees with candidate"));
        // A double port is not a float32 one; nor is a port with another difference.
        QVERIFY(!checkPrecision(reference, f32, reference).f32AgreesWithCandidate);
        const Image fixed = render("reference", paramsFrom(kPhiZero, "phi-zero"));
        const PrecisionCheck other = checkPrecision(reference, f32, fixed);
        QVERIFY(!other.f32AgreesWithCandidate);
        QVERIFY(QString::fromStdString(other.conclusion).startsWith("reference-f32 does not agree"));
    }

    void attributesAPortThatFixedOneQuirk() {
        const Params p = paramsFrom(kPhiZero);
        const auto candidate =
            std::make_shared<const Image>(render("reference", paramsFrom(kPhiZero, "phi-zero")));
        QVERIFY(compareImages(render("reference", p), *candidate, Thresholds{}).verdict == Verdict::Blocked);
        const QuirkAttribution a = attributeQuirks(deriveExperiment(p, 0), referenceSide(p, candidate),
                                                   Thresholds{}, std::nullopt, {});
        QCOMPARE(a.tried, std::vector<std::string>{"phi-zero"});
        QCOMPARE(a.attributed, std::vector<std::string>{"phi-zero"});
        QCOMPARE(QString::fromStdString(a.conclusion),
                 QString("candidate = original with phi-zero (a phi step at 0 uses the unrotated crystal (no "
                         "carry-over)) corrected"));
    }

    void attributesTwoQuirksTogetherAndLeadsBisect() {
        const QString flags = kPhiZero + " -detector_thick 300 -detector_abs 200 -detector_thicksteps 3";
        const Params p = paramsFrom(flags);
        const auto candidate =
            std::make_shared<const Image>(render("reference", paramsFrom(flags, "phi-zero,thickness")));
        BisectOptions options;
        options.quirkSide = referenceSide(p, candidate);
        const PairRenderer pair = [&](const Params& q) {
            return ImagePair{render("reference", q), render("reference", [&] {
                                 Params c = q;
                                 c.fixes = parsePhysicsMode("phi-zero,thickness");
                                 return c;
                             }())};
        };
        const BisectResult r = bisect(p, pair, options);
        QVERIFY(r.quirks);
        QCOMPARE(r.quirks->tried, (std::vector<std::string>{"phi-zero", "thickness"}));
        for (const QuirkTrial& t : r.quirks->trials)
            if (t.comparison)
                qInfo("%s: pearson %.9g", t.fixes.back().c_str(), t.comparison->metrics.pearson);
        QCOMPARE(r.quirks->trials.size(), std::size_t(3));  // each alone fails, both together pass
        QVERIFY(!r.quirks->trials[0].passes() && !r.quirks->trials[1].passes() &&
                r.quirks->trials[2].passes());
        QCOMPARE(r.quirks->attributed, (std::vector<std::string>{"phi-zero", "thickness"}));
        QVERIFY2(QString::fromStdString(r.conclusion).startsWith("candidate = original with phi-zero (") &&
                     QString::fromStdString(r.conclusion)
                         .contains(" + thickness (each sensor layer weighted by its own capture"),
                 r.conclusion.c_str());
    }

    void claimsNothingForAnotherDifference() {
        addPerturbedEngines();
        const Params p = paramsFrom(kPhiZero);
        const auto candidate = std::make_shared<const Image>(render("perturbed:mosaic-seed:reference", p));
        QVERIFY(compareImages(render("reference", p), *candidate, Thresholds{}).verdict == Verdict::Blocked);
        const QuirkAttribution a = attributeQuirks(deriveExperiment(p, 0), referenceSide(p, candidate),
                                                   Thresholds{}, std::nullopt, {});
        QVERIFY(a.attributed.empty());
        QCOMPARE(a.trials.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(a.conclusion)
                    .startsWith("no corrected-physics fix explains the difference"));
        // No quirk applies (one phi step, no water, square crystal): nothing is tried.
        const Params plain = paramsFrom(kCubic);
        const QuirkAttribution none = attributeQuirks(
            deriveExperiment(plain, 0), referenceSide(plain, candidate), Thresholds{}, std::nullopt, {});
        QVERIFY(none.trials.empty() && none.attributed.empty());
    }
};

QTEST_APPLESS_MAIN(WhyQuirkPrecisionTest)
#include "why_quirk_precision_test.moc"
