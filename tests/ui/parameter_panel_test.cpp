// The parameter form and panel: every flag is in the layout, the form round-trips parameter
// sets, edits produce the right Params, invalid input shows a message and never renders.
#include <QSignalSpy>
#include <QtTest>

#include <set>

#include "Controller.h"
#include "DemoSession.h"
#include "ParameterForm.h"
#include "ParameterPanel.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::ui;

class ParameterPanelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QCOMPARE(QGuiApplication::platformName(), QStringLiteral("offscreen")); }

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

    void editsProduceParams() {
        ParameterPanel panel;
        panel.setParams(demoParams());
        QSignalSpy changed(&panel, &ParameterPanel::paramsChanged);
        panel.editField("-cell", "60 61 62 90 91 92");
        QCOMPARE(changed.count(), 1);
        Params p = changed.last().at(0).value<Params>();
        QCOMPARE(*p.cell, (std::array<double, 6>{60, 61, 62, 90, 91, 92}));
        panel.editField("convention", "1");
        p = changed.last().at(0).value<Params>();
        QCOMPARE(p.convention, Convention::Xds);
        panel.editField("-oversample_thick", "on");
        QVERIFY(changed.last().at(0).value<Params>().oversampleThick);
        panel.editField("-lambda", "1.5");
        p = changed.last().at(0).value<Params>();
        QCOMPARE(p.lambdaA, 1.5);
        QCOMPARE(*p.cell, (std::array<double, 6>{60, 61, 62, 90, 91, 92}));  // earlier edits kept
    }

    void invalidInputShowsMessageAndDoesNotRender() {
        ParameterPanel panel;
        Controller controller;
        controller.setDebounceInterval(5);
        QObject::connect(&panel, &ParameterPanel::paramsChanged, &controller, &Controller::setParams);
        panel.setParams(demoParams());
        QSignalSpy changed(&panel, &ParameterPanel::paramsChanged);
        QSignalSpy started(&controller, &Controller::renderStarted);
        panel.editField("-distance", "abc");
        QVERIFY(!panel.fieldMessage("-distance").isEmpty());
        QVERIFY(panel.statusMessage().contains("distance"));
        panel.editField("-misset", "1 2");
        QVERIFY(panel.fieldMessage("-misset").contains("3 values"));
        panel.editField("-pixel", "-0.1");
        QVERIFY(!panel.fieldMessage("-pixel").isEmpty());
        QTest::qWait(100);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(started.count(), 0);
        // Fixing every field renders again and clears the messages.
        panel.editField("-distance", "90");
        panel.editField("-misset", "");
        panel.editField("-pixel", "0.1");
        QCOMPARE(changed.count(), 1);
        QVERIFY(panel.fieldMessage("-distance").isEmpty());
        QVERIFY(panel.statusMessage().isEmpty());
        QVERIFY(started.wait(2000));
    }

    void laterProblemsFindTheirField() {
        ParameterForm form;
        QCOMPARE(form.fieldForMessage("-hkl: cannot open 'x.hkl'"), form.indexOf("-hkl"));
        QCOMPARE(form.fieldForMessage("-mosaic_domains: must be at least 1"),
                 form.indexOf("-mosaic_domains"));
        QCOMPARE(form.fieldForDroppedFile("/data/P1.hkl"), form.indexOf("-hkl"));
        QCOMPARE(form.fieldForDroppedFile("/data/A.mat"), form.indexOf("-mat"));
        QCOMPARE(form.fieldForDroppedFile("/data/sources.txt"), form.indexOf("-sourcefile"));
        QCOMPARE(form.fieldForDroppedFile("/data/readme"), -1);
    }
};

QTEST_MAIN(ParameterPanelTest)
#include "parameter_panel_test.moc"
