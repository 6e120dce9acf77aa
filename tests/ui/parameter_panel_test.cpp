// The parameter panel: edits produce the right Params, invalid input shows a message and never
// renders (the form model and the layout: tests/ui_model/parameter_form_test).
#include <QSignalSpy>
#include <QtTest>

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
