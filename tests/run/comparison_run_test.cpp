// The comparison-run layer: both sides → comparison → summary; sides published as they finish
// (in order when sequential, the faster first when concurrent); a failing side stops the other
// and its failure is the one reported; unchanged sides are reused on request; a -roi in the flags
// is the compared region.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

#include <mutex>

#include "core/Error.h"
#include "params/FlagParser.h"
#include "run/ComparisonRun.h"

using namespace bragg;
using namespace bragg::run;

namespace {

std::vector<std::string> flags(std::vector<std::string> extra = {}) {
    std::vector<std::string> f = {"-cell", "60",         "70",  "80",        "90", "95",
                                  "90",    "-default_F", "50",  "-N",        "4",  "-detpixels",
                                  "48",    "-pixel",     "0.5", "-distance", "90"};
    f.insert(f.end(), extra.begin(), extra.end());
    return f;
}

RunRequest request(const std::vector<std::string>& f) {
    RunRequest r;
    r.flags = f;
    r.params = parseNanoBraggFlags(f).params;
    return r;
}

SideSpec engine(const std::string& name) {
    SideSpec s;
    s.engine = name;
    return s;
}

SideSpec program(const QString& path) {
    SideSpec s;
    s.kind = SideKind::Program;
    s.path = path.toStdString();
    s.option = "--candidate-bin";
    return s;
}

}  // namespace

class ComparisonRunTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        bragg_ = qEnvironmentVariable("BRAGG_BIN");
    }

    void enginesAgreeAndArriveInOrder() {
        SidePair sides;
        sides.reference.set(engine("reference"));
        sides.candidate.set(engine("optimized"));
        std::vector<Which> order;
        RunObserver observer;
        observer.sideDone = [&](Which w, const SideResult& r) {
            QVERIFY(r.image);
            order.push_back(w);
        };
        RunRequest rq = request(flags());
        rq.first = Which::Candidate;
        RunControls controls;
        const RunResult r = runComparison(sides, rq, controls, observer);
        QCOMPARE(order, (std::vector<Which>{Which::Candidate, Which::Reference}));
        QCOMPARE(r.summary.comparison.verdict, Verdict::Pass);
        QCOMPARE(r.summary.reference.name, std::string("reference"));
        QCOMPARE(r.summary.candidate.name, std::string("optimized"));
        QCOMPARE(r.summary.flags, rq.flags);
        QVERIFY(r.summary.comparison.metrics.sumA > 0);
        QVERIFY(r.reference.cold && r.candidate.cold);

        // Unchanged inputs, reuse requested: the same images, not rendered again.
        rq.reuse = true;
        const RunResult again = runComparison(sides, rq, controls);
        QVERIFY(again.reference.reused && again.candidate.reused);
        QCOMPARE(again.reference.image.get(), r.reference.image.get());
        QVERIFY(!again.reference.cold);
        // A physics change keeps the engine but is a new image.
        SideSpec corrected = engine("optimized");
        corrected.fixes.phiZeroRotation = true;
        sides.candidate.set(corrected);
        const RunResult changed = runComparison(sides, rq, controls);
        QVERIFY(!changed.candidate.reused);
        QVERIFY(changed.reference.reused);
        QVERIFY(changed.summary.candidate.name.find("physics") != std::string::npos);
    }

    void theFasterSideIsPublishedFirstWhenConcurrent() {
        if (bragg_.isEmpty()) QSKIP("BRAGG_BIN not set");
        const QString slow = testsupport::shellScript(
            dir_, "slowport",
            QStringLiteral("sleep 1; exec '%1' simulate --engine reference \"$@\"").arg(bragg_));
        SidePair sides;
        sides.reference.set(engine("reference"));
        sides.candidate.set(program(slow));
        std::mutex m;
        std::vector<Which> order;
        RunObserver observer;
        observer.sideDone = [&](Which w, const SideResult&) {
            std::lock_guard lock(m);
            order.push_back(w);
        };
        RunRequest rq = request(flags());
        rq.concurrent = true;
        rq.first = Which::Candidate;
        RunControls controls;
        const RunResult r = runComparison(sides, rq, controls, observer);
        QCOMPARE(order, (std::vector<Which>{Which::Reference, Which::Candidate}));
        QCOMPARE(r.summary.comparison.verdict, Verdict::Pass);
        QCOMPARE(r.summary.comparison.metrics.maxAbsDiff, 0.0);  // the reference engine both ways
        QCOMPARE(r.summary.candidate.kind, std::string("program"));
        QCOMPARE(r.summary.binaries.at("candidate"), slow.toStdString());
    }

    void aFailingSideStopsTheOtherAndIsReported() {
        const QString hang = testsupport::shellScript(dir_, "hang", QStringLiteral("sleep 30"));
        const QString crash = testsupport::shellScript(
            dir_, "crash", QStringLiteral("echo 'segfault at 0' >&2; kill -SEGV $$"));
        SidePair sides;
        sides.reference.set(program(hang));
        sides.candidate.set(program(crash));
        RunRequest rq = request(flags());
        rq.concurrent = true;
        RunControls controls;
        QElapsedTimer timer;
        timer.start();
        try {
            runComparison(sides, rq, controls);
            QFAIL("no failure");
        } catch (const RunnerFailure& e) {
            QVERIFY2(QString(e.what()).contains("signal 11"), e.what());
            QVERIFY2(QString(e.what()).contains("segfault at 0"), e.what());
        }
        QVERIFY(timer.elapsed() < 10000);  // the hanging side was killed, not waited for
    }

    void theFlagsRoiIsTheComparedRegion() {
        SidePair sides;
        sides.reference.set(engine("reference"));
        sides.candidate.set(engine("optimized"));
        RunControls controls;
        const RunResult r = runComparison(sides, request(flags({"-roi", "5", "30", "10", "40"})), controls);
        QVERIFY(r.summary.comparison.roi);
        QCOMPARE(*r.summary.comparison.roi, (Roi{5, 30, 10, 40}));
        // An empty -roi (accepted by nanoBragg, nothing rendered) compares the whole image.
        const RunResult empty = runComparison(sides, request(flags({"-roi", "8", "7", "2", "2"})), controls);
        QVERIFY(!empty.summary.comparison.roi);
        QCOMPARE(empty.summary.comparison.verdict, Verdict::Pass);
    }

private:
    QTemporaryDir dir_;
    QString bragg_;
};

QTEST_GUILESS_MAIN(ComparisonRunTest)
#include "comparison_run_test.moc"
