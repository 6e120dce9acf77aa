// The gate catches real regressions: each test-hook perturbation of the candidate engine is
// BLOCKED, and bisection names the feature whose ablation restores agreement.
#include <QtTest>

#include "TestSupport.h"
#include "compare/Bisect.h"
#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"
#include "PerturbedEngine.h"

using namespace bragg;

namespace {

Params paramsFrom(const QString& flags) {
    std::vector<std::string> args;
    for (const QString& t : flags.split(' ', Qt::SkipEmptyParts)) args.push_back(t.toStdString());
    return parseNanoBraggFlags(args).params;
}

PairRenderer enginePair(const std::string& candidate) {
    return [candidate](const Params& p) {
        const Experiment e = deriveExperiment(p, 0);
        return ImagePair{makeEngine("reference")->render(e), makeEngine(candidate)->render(e)};
    };
}

QString culprits(const BisectResult& r) {
    QStringList ids;
    for (Feature f : r.culprits) ids << ablationInfo(f).id;
    return ids.join(',');
}

const QString kCubic = "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 64 -N 5";

}  // namespace

class CompareBisectTest : public QObject {
    Q_OBJECT
private slots:
    // The perturbed engines exist only once a test (or bragg-hooked) adds them: the product has none.
    void hooksExistOnlyOnceAdded() {
        try {
            makeEngine("perturbed:beam-centre:reference");
            QFAIL("no exception");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Usage);
            QVERIFY(QString(e.what()).contains("unknown engine 'perturbed:beam-centre:reference'"));
        }
        addPerturbedEngines();
        addPerturbedEngines();  // again: adds nothing
        QCOMPARE(makeEngine("perturbed:mosaic-seed:reference")->name(),
                 std::string("perturbed:mosaic-seed:reference"));
        QVERIFY_THROWS_EXCEPTION(Error, makeEngine("perturbed:nonsense:reference"));
        QVERIFY_THROWS_EXCEPTION(Error, makeEngine("perturbed:beam-centre:nonsense"));
        QVERIFY_THROWS_EXCEPTION(Error, makeEngine("perturbed:beam-centre"));
    }

    void ablationsSwitchFeaturesOff() {
        const Params p = paramsFrom(
            kCubic +
            " -mosaic 0.5 -mosaic_domains 4 -dispersion 2 -dispsteps 3 -phi 0 -osc 1 -phisteps 2"
            " -detector_rotx 5 -twotheta 3 -detector_thick 100 -detector_thicksteps 2 -oversample 2");
        const Experiment e = deriveExperiment(p, 0);
        for (Feature f : {Feature::Sources, Feature::Mosaic, Feature::PhiSteps, Feature::Oversample,
                          Feature::ThicknessLayers, Feature::Polarization, Feature::DetectorRotations}) {
            QVERIFY2(featureActive(f, e), ablationInfo(f).id);
            const Params q = ablate(p, f);
            QVERIFY2(!featureActive(f, deriveExperiment(q, 0)), ablationInfo(f).id);
            // The ablated Params survive the trip through flags (how external programs get them).
            QVERIFY2(parseNanoBraggFlags(toNanoBraggFlags(q)).params == q, ablationInfo(f).id);
        }
        QVERIFY(!featureActive(Feature::HklTable, e));
        QCOMPARE(describe({Feature::Sources, Feature::Mosaic}), std::string("single source + no mosaic"));
    }

    // issue 13 §5: every feature family of the flag table can be switched off by some ablation.
    void newAblationsSwitchFeaturesOff() {
        const Params p =
            paramsFrom(kCubic +
                       " -round_xtal -fudge 2 -detector_thick 100 -detector_abs 300 -oversample_thick"
                       " -curved_det 1 -Xbeam 30 -Ybeam 31 -misset 10 20 30 -dispersion 2 -dispsteps 3"
                       " -divergence 1 -divsteps 3");
        const Experiment e = deriveExperiment(p, 0);
        for (Feature f : {Feature::CrystalShape, Feature::DetectorThickness, Feature::CurvedDetector,
                          Feature::BeamCentre, Feature::Misset, Feature::Dispersion, Feature::Divergence}) {
            QVERIFY2(featureActive(f, e), ablationInfo(f).id);
            const Params q = ablate(p, f);
            const Experiment ablated = deriveExperiment(q, 0);
            QVERIFY2(!featureActive(f, ablated), ablationInfo(f).id);
            QVERIFY2(parseNanoBraggFlags(toNanoBraggFlags(q)).params == q, ablationInfo(f).id);
            // Each is separate: the other new features stay on (beyond what it implies).
            for (Feature g : {Feature::CrystalShape, Feature::CurvedDetector, Feature::BeamCentre,
                              Feature::Misset, Feature::Dispersion, Feature::Divergence})
                if (g != f)
                    QVERIFY2(featureActive(g, ablated),
                             (std::string(ablationInfo(f).id) + " / " + ablationInfo(g).id).c_str());
        }
        QCOMPARE(ablate(p, Feature::CrystalShape).shape, CrystalShape::Square);
        const Params flat = ablate(p, Feature::DetectorThickness);
        QCOMPARE(flat.detectorThickUm, 0.0);
        QVERIFY(!flat.detectorAbsUm && !flat.oversampleThick);
        QVERIFY(!ablate(p, Feature::CurvedDetector).curvedDetector);
        const Params centred = ablate(p, Feature::BeamCentre);
        QVERIFY(!centred.xbeamMm && !centred.ybeamMm);
        QCOMPARE(deriveExperiment(centred, 0).detector.fbeam,
                 deriveExperiment(paramsFrom(kCubic), 0).detector.fbeam);
        const Experiment oneLambda = deriveExperiment(ablate(p, Feature::Dispersion), 0);
        QCOMPARE(oneLambda.beam.sources.size(), e.beam.sources.size() / 3);
        const Experiment oneDirection = deriveExperiment(ablate(p, Feature::Divergence), 0);
        QCOMPARE(oneDirection.beam.sources.size(), std::size_t(3));
    }

    // docs/flags.md §1: dropping -misset is not enough while -misset_seed N a b stays (it is
    // read as -misset too); the ablation removes both, also when its Params go out as flags.
    void noMissetAblationRemovesTheMissetSeedReading() {
        for (const QString& flags :
             {kCubic + " -misset random -misset_seed 748703 -mosaic 0.2", kCubic + " -misset_seed 35 12 -7",
              kCubic + " -misset_seed 4 -misset random", kCubic + " -misset_seed 9 -seed 3 -misset random"}) {
            const Params p = paramsFrom(flags);
            QVERIFY2(featureActive(Feature::Misset, deriveExperiment(p, 0)), qPrintable(flags));
            const Params q = ablate(p, Feature::Misset);
            QCOMPARE(q.missetMode, MissetMode::None);
            QVERIFY(!q.missetSeed);
            QCOMPARE(q.noiseSeed, p.noiseSeed);  // the noise seed is not the misset's
            const std::vector<std::string> out = toNanoBraggFlags(q);
            for (const std::string& arg : out)
                QVERIFY2(arg.find("-misset") == std::string::npos, qPrintable(flags));
            const ParsedFlags back = parseNanoBraggFlags(out);
            QCOMPARE(back.params.missetMode, MissetMode::None);
            QVERIFY(back.params == q);
            QVERIFY(!featureActive(Feature::Misset, deriveExperiment(back.params, 0)));
        }
        QVERIFY(QString(ablationInfo(Feature::Misset).description).contains("-misset_seed"));
    }

    // issue 13 §3/§5: a candidate that differs from the reference only in the crystal shape is
    // localised by the square-crystal ablation, among other features in use.
    void bisectFindsTheCrystalShape() {
        const Params p = paramsFrom(kCubic +
                                    " -round_xtal -mosaic 0.3 -mosaic_domains 2 -detector_thick 50"
                                    " -misset 5 10 15 -curved_det 1");
        const PairRenderer shapeOnly = [](const Params& q) {
            const Experiment e = deriveExperiment(q, 0);
            Params other = q;
            if (other.shape != CrystalShape::Square)
                other.shape = CrystalShape::Gauss;  // the candidate's defect
            return ImagePair{makeEngine("reference")->render(e),
                             makeEngine("reference")->render(deriveExperiment(other, 0))};
        };
        const BisectResult r = bisect(p, shapeOnly, BisectOptions{});
        QCOMPARE(r.baseline.verdict, Verdict::Blocked);
        QCOMPARE(r.outcome, BisectOutcome::SingleFeature);
        QCOMPARE(::culprits(r), QString("square-crystal"));
        QVERIFY(
            QString::fromStdString(r.conclusion).contains("square crystal instead of round/gauss/tophat"));
    }

    void identicalEnginesAgree() {
        BisectOptions o;
        const BisectResult r = bisect(paramsFrom(kCubic), enginePair("reference"), o);
        QCOMPARE(r.baseline.verdict, Verdict::Pass);
        QCOMPARE(r.outcome, BisectOutcome::Agree);
        QVERIFY(r.trials.empty());
    }

    void combinationIsMinimised() {
        // A fake pair: the candidate is twice too bright while mosaic or several sources are in use,
        // so no single ablation helps but the two together do. Oversample 1 fails to run, and is
        // therefore left out of the combination.
        const Params p =
            paramsFrom(kCubic + " -oversample 2 -mosaic 0.5 -mosaic_domains 3 -dispersion 2 -dispsteps 3");
        const PairRenderer fake = [](const Params& q) {
            if (q.oversample == 1) throw Error(ErrorKind::Input, "fake failure");
            ImagePair pair{Image(8, 8), Image(8, 8)};
            pair.reference.at(3, 3) = pair.candidate.at(3, 3) = 10;
            if (q.mosaicSpreadDeg || q.dispersionPct > 0) pair.candidate.at(3, 3) = 20;
            return pair;
        };
        const BisectResult r = bisect(p, fake, BisectOptions{});
        QCOMPARE(r.outcome, BisectOutcome::Combination);
        // Single source is dropped from the combination: single wavelength, more specific, suffices.
        QCOMPARE(r.culprits, (std::vector<Feature>{Feature::Mosaic, Feature::Dispersion}));
        QVERIFY(QString::fromStdString(r.conclusion).contains("no mosaic + single wavelength"));
        const auto failed = std::find_if(r.trials.begin(), r.trials.end(),
                                         [](const BisectTrial& t) { return !t.error.empty(); });
        QVERIFY(failed != r.trials.end());
        QCOMPARE(failed->ablated, std::vector<Feature>{Feature::Oversample});
        QCOMPARE(QString::fromStdString(failed->error), QString("fake failure"));
    }

    void perturbationIsBlockedAndBisected_data() {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("flags");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("culprits");
        const QString hkl = testsupport::goldenDir() + "/p17_N1_auto_interp/P1.hkl";
        QTest::newRow("source-weights")
            << "source-weights" << kCubic + " -oversample 1 -dispersion 2 -dispsteps 3"
            << int(BisectOutcome::SingleFeature) << "single-source";
        QTest::newRow("interpolation-off")
            << "interpolation-off"
            << "-cell 70 80 90 75 85 95 -hkl " + hkl + " -distance 100 -detpixels 64 -N 1"
            << int(BisectOutcome::SingleFeature) << "interpolation-off";
        QTest::newRow("mosaic-seed") << "mosaic-seed"
                                     << kCubic + " -oversample 1 -mosaic 0.8 -mosaic_domains 12"
                                     << int(BisectOutcome::SingleFeature) << "no-mosaic";
        QTest::newRow("beam-centre") << "beam-centre" << kCubic << int(BisectOutcome::NotRestored) << "";
    }

    void perturbationIsBlockedAndBisected() {
        QFETCH(QString, kind);
        QFETCH(QString, flags);
        QFETCH(int, outcome);
        QFETCH(QString, culprits);
        addPerturbedEngines();
        const Params p = paramsFrom(flags);
        const BisectResult r =
            bisect(p, enginePair("perturbed:" + kind.toStdString() + ":reference"), BisectOptions{});
        QCOMPARE(r.baseline.verdict, Verdict::Blocked);
        QCOMPARE(int(r.outcome), outcome);
        QCOMPARE(::culprits(r), culprits);
        if (kind == "interpolation-off") {
            // Dropping the HKL table also restores agreement, but only because it implies the culprit.
            QCOMPARE(r.alsoRestoring, std::vector<Feature>{Feature::HklTable});
        }
        if (r.outcome == BisectOutcome::NotRestored) {
            QVERIFY(r.closest.has_value());
            QVERIFY(QString::fromStdString(r.conclusion).contains("no single ablation restores agreement"));
        }
    }
};

QTEST_GUILESS_MAIN(CompareBisectTest)
#include "compare_bisect_test.moc"
