// Errors in the app are shown in the window — next to the offending field, or in a message box —
// never only on stderr, and the app keeps working afterwards: an HKL file that fails to parse, a
// bad value typed in a field, an export or a session save to an unwritable path, a broken session.
#include <QMessageBox>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "ComparisonView.h"
#include "Controller.h"
#include "DemoSession.h"
#include "MainWindow.h"
#include "ParameterPanel.h"
#include "Session.h"
#include "UiTestSupport.h"

using namespace bragg;
using namespace bragg::ui;

namespace {

// The visible message boxes of `window`; closes them (as the user's OK would) once read.
QStringList takeMessageBoxes(QWidget& window) {
    QStringList texts;
    for (QMessageBox* box : window.findChildren<QMessageBox*>()) {
        if (!box->isVisible()) continue;
        texts << box->text();
        box->accept();
    }
    return texts;
}

bool writeText(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

}  // namespace

class ErrorReportingTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        testsupport::isolateUiTest(dir_.filePath("config"));
    }

    void init() {
        window_ = std::make_unique<MainWindow>();
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        window_->controller().setDebounceInterval(5);
        Session s = window_->currentSession();
        s.params = demoParams();
        s.params.fpixels = s.params.spixels = 64;
        QSignalSpy shown(window_.get(), &MainWindow::resultShown);
        window_->applySession(s);
        QVERIFY(shown.wait(30000));
        QTRY_VERIFY(!window_->controller().isRendering());
    }
    void cleanup() { window_.reset(); }

    void hklParseFailureIsShownAtTheField() {
        MainWindow& w = *window_;
        const QString bad = dir_.filePath("broken.hkl");
        QVERIFY(writeText(bad, "1 2 3 100\n4 5 six 7\n"));
        QSignalSpy failed(&w.controller(), &Controller::renderFailed);
        w.parameters().editField("-hkl", bad);
        QVERIFY(failed.wait(10000));
        // Next to the -hkl field (the reader names the file and the line), and in the status bar.
        const QString message = w.parameters().fieldMessage("-hkl");
        QVERIFY2(message.contains("broken.hkl") && message.contains("2"), qPrintable(message));
        QVERIFY(w.parameters().statusMessage().contains("broken.hkl"));
        QVERIFY(w.statusText().contains("broken.hkl"));
        QVERIFY(w.view().shown()->params.hklFile.empty());  // the last good image stays

        // The app keeps working: a good file renders and the message goes away.
        const QString good = dir_.filePath("good.hkl");
        QVERIFY(writeText(good, "1 2 3 100\n4 5 6 7\n"));
        QSignalSpy shown(&w, &MainWindow::resultShown);
        w.parameters().editField("-hkl", good);
        QVERIFY(shown.wait(30000));
        QCOMPARE(QString::fromStdString(w.view().shown()->params.hklFile), good);
        QVERIFY(w.parameters().fieldMessage("-hkl").isEmpty());
        QVERIFY(w.parameters().statusMessage().isEmpty());
    }

    void badValueIsShownAtTheField() {
        MainWindow& w = *window_;
        QSignalSpy started(&w.controller(), &Controller::renderStarted);
        w.parameters().editField("-distance", "eighty");
        QVERIFY(!w.parameters().fieldMessage("-distance").isEmpty());
        QVERIFY(w.parameters().statusMessage().contains("-distance"));
        QTest::qWait(50);
        QCOMPARE(started.count(), 0);  // never reaches the renderer
        QSignalSpy shown(&w, &MainWindow::resultShown);
        w.parameters().editField("-distance", "85");
        QVERIFY(shown.wait(30000));
        QVERIFY(w.parameters().fieldMessage("-distance").isEmpty());
    }

    void unwritableExportShowsADialog() {
        MainWindow& w = *window_;
        // Not a directory (works as root too, where permission bits do not stop a write).
        const QString blocker = dir_.filePath("plain-file");
        QVERIFY(writeText(blocker, "x"));
        const ExportKind kinds[] = {ExportKind::Composite, ExportKind::Panels, ExportKind::FloatImages,
                                    ExportKind::SmvImages, ExportKind::Summary};
        for (const ExportKind kind : kinds) {
            const QString path = blocker + "/export.out";
            QVERIFY(!w.exportTo(kind, path));
            const QStringList boxes = takeMessageBoxes(w);
            QCOMPARE(boxes.size(), 1);
            QVERIFY2(boxes.at(0).contains("plain-file/export"), qPrintable(boxes.at(0)));
            QVERIFY(w.statusText().contains("plain-file/export"));
        }
        QCOMPARE(QDir(dir_.path()).entryList({"plain-file*"}, QDir::Files), QStringList{"plain-file"});

        // The app keeps working: a writable path exports, an edit renders.
        const QString good = dir_.filePath("export.png");
        QVERIFY(w.exportTo(ExportKind::Composite, good));
        QVERIFY(!QImage(good).isNull());
        QVERIFY(takeMessageBoxes(w).isEmpty());
        QSignalSpy shown(&w, &MainWindow::resultShown);
        w.parameters().editField("-distance", "95");
        QVERIFY(shown.wait(30000));
        QCOMPARE(w.view().shown()->params.distanceMm, 95.0);
    }

    void sessionErrorsShowADialog() {
        MainWindow& w = *window_;
        QVERIFY(!w.saveSessionTo(dir_.filePath("no-such-dir/session.json")));
        QStringList boxes = takeMessageBoxes(w);
        QCOMPARE(boxes.size(), 1);
        QVERIFY(boxes.at(0).contains("no-such-dir/session.json"));

        const QString broken = dir_.filePath("broken-session.json");
        QVERIFY(writeText(broken,
                          "{\"schema\": \"bragg-studio-session/1\", \"flags\": [\"-distanse\", \"80\"]}"));
        const Params before = w.controller().params();
        w.openSessionFile(broken);
        boxes = takeMessageBoxes(w);
        QCOMPARE(boxes.size(), 1);
        QVERIFY2(boxes.at(0).contains("-distanse"), qPrintable(boxes.at(0)));
        QVERIFY(w.controller().params() == before);  // nothing half-applied

        const QString saved = dir_.filePath("session.json");
        QVERIFY(w.saveSessionTo(saved));
        QVERIFY(loadSession(saved).params == before);
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<MainWindow> window_;
};

QTEST_MAIN(ErrorReportingTest)
#include "error_reporting_test.moc"
