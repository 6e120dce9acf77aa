// The app's Qt-free models: the parameter layout names every flag once, the form round-trips
// parameter sets, and the command line sets each side's physics (no Qt Widgets linked).
#include <QtTest>

#include <set>

#include "DemoSession.h"
#include "ParameterForm.h"
#include "StudioCommandLine.h"
#include "core/Error.h"
#include "params/FlagParser.h"
#include "params/PhysicsMode.h"

using namespace bragg;
using namespace bragg::ui;

class ParameterFormTest : public QObject {
    Q_OBJECT
private slots:
    void layoutCoversEveryFlag() {
        std::set<const FlagSpec*> covered;
        for (const FieldSpec& f : parameterLayout()) {
            if (f.flag) QVERIFY2(covered.insert(f.flag).second, f.key.c_str());
            for (const FlagSpec* o : f.options)
                if (o) QVERIFY2(covered.insert(o).second, o->name.c_str());
        }
        for (const FlagSpec& row : nanoBraggFlagTable())
            if (std::string(row.group) != "Diagnostics") QVERIFY2(covered.count(&row), row.name.c_str());
    }

    void formRoundTrips_data() {
        QTest::addColumn<QString>("flags");
        QTest::newRow("demo") << QString();
        QTest::newRow("tilted")
            << "-cell 50 60 70 90 100 90 -default_F 10 -twotheta_axis 0 1 0 -twotheta 12 -detpixels 64";
        QTest::newRow("per-axis") << "-cell 50 -default_F 10 -N 5 -Na 3 -xds -detpixels_f 64 -detpixels_s 32";
        QTest::newRow("curved") << "-curved_det -cell 50 -default_F 1 -misset random -misset_seed 3 -seed 9";
        // -misset_seed is also read as -misset when three arguments follow (docs/flags.md §1).
        QTest::newRow("curved 1, seed before random")
            << "-curved_det 1 -cell 50 -default_F 1 -misset_seed 3 -seed 9 -misset random";
        QTest::newRow("misset seed, no misset") << "-cell 50 -default_F 1 -seed 9 -misset_seed 3";
        QTest::newRow("sampling") << "-cell 50 -default_F 1 -oversample 2 -oversample_omega -phisteps 3 -osc "
                                     "1 -roi 1 30 2 40 -nopgm";
        QTest::newRow("beam") << "-cell 50 -default_F 1 -energy 9000 -dispersion 1 -dispsteps 3 -divergence "
                                 "0.5 -divsteps 3 -square_div -nopolar";
    }
    void formRoundTrips() {
        QFETCH(QString, flags);
        std::vector<std::string> args;
        for (const QString& w : flags.split(' ', Qt::SkipEmptyParts)) args.push_back(w.toStdString());
        const Params p = args.empty() ? demoParams() : parseNanoBraggFlags(args).params;
        ParameterForm form;
        form.setParams(p);
        const FormResult r = form.evaluate();
        QVERIFY2(r.params, r.error.c_str());
        QVERIFY(*r.params == p);
    }

    void commandLinePhysics() {
        StudioCommandLine c = parseStudioCommandLine({"--candidate-physics", "corrected"});
        QCOMPARE(c.sources.candidate.fixes, parsePhysicsMode("corrected"));
        QVERIFY(!c.sources.reference.fixes.any());
        c = parseStudioCommandLine(
            {"--physics", "water,phi-zero", "--candidate-physics", "corrected,no-water"});
        QVERIFY(c.sources.reference.fixes.waterScaleOnce && c.sources.reference.fixes.phiZeroRotation);
        QVERIFY(!c.sources.reference.fixes.allLayerCapture);
        QVERIFY(!c.sources.candidate.fixes.waterScaleOnce && c.sources.candidate.fixes.allLayerCapture);
        // --physics leaves a file side alone; naming that side is an error.
        c = parseStudioCommandLine({"--reference-file", "/tmp/r.bin", "--physics", "corrected"});
        QVERIFY(!c.sources.reference.fixes.any());
        QCOMPARE(c.sources.candidate.fixes, parsePhysicsMode("corrected"));
        QVERIFY_THROWS_EXCEPTION(Error, parseStudioCommandLine({"--reference-file", "/tmp/r.bin",
                                                                "--reference-physics", "corrected"}));
        QVERIFY_THROWS_EXCEPTION(Error, parseStudioCommandLine({"--physics", "warp"}));
        QVERIFY(QString(studioUsage()).contains("--candidate-physics"));
    }
};

QTEST_GUILESS_MAIN(ParameterFormTest)
#include "parameter_form_test.moc"
