// Replays what the libFuzzer targets (tests/fuzz) found and start from, through exactly their entry
// points (FuzzEntryPoints.h), in the normal build: every input that once crashed, hung or
// allocated too much (tests/fuzz/regressions/<target>/) must now be accepted or refused with
// bragg::Error, and every seed (tests/fuzz/corpus/<target>/) must be accepted.
#include <QDir>
#include <QFile>
#include <QtTest>

#include "FuzzEntryPoints.h"

using namespace bragg;

namespace {

const char* const kTargets[] = {"hkl", "matrix", "columns", "smv", "npy", "tiff", "cbf", "nexus", "flags"};

const char* outcomeName(fuzz::Outcome o) {
    switch (o) {
        case fuzz::Outcome::Accepted:
            return "accepted";
        case fuzz::Outcome::Rejected:
            return "rejected";
        case fuzz::Outcome::Skipped:
            return "skipped";
    }
    return "?";
}

// One row per file of tests/fuzz/<kind>/<target>/.
void addFileRows(const QString& kind) {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    int rows = 0;
    for (const char* target : kTargets) {
        QDir dir(QStringLiteral(BRAGG_FUZZ_DIR) + "/" + kind + "/" + target);
        for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
            QTest::newRow(qPrintable(QString(target) + "/" + name)) << QString(target) << dir.filePath(name);
            ++rows;
        }
    }
    if (rows == 0) QTest::newRow("none") << QString() << QString();
}

fuzz::Outcome feedFile(const QString& target, const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
    const QByteArray bytes = file.readAll();
    fuzz::FeedFunction feed = fuzz::feedFunction(target.toStdString());
    if (!feed) qFatal("no fuzz target '%s'", qPrintable(target));
    return feed(reinterpret_cast<const std::uint8_t*>(bytes.constData()), std::size_t(bytes.size()));
}

}  // namespace

class FuzzRegressionTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fuzz::setUpFuzzing(); }

    void regressionInputsNoLongerCrash_data() { addFileRows("regressions"); }
    void regressionInputsNoLongerCrash() {
        QFETCH(QString, target);
        QFETCH(QString, path);
        if (path.isEmpty()) QSKIP("no regression inputs");
        const fuzz::Outcome outcome = feedFile(target, path);  // a crash here fails the test run
        QVERIFY2(outcome != fuzz::Outcome::Skipped, "the input no longer reaches the fuzzed code");
        qInfo("%s",
              outcome == fuzz::Outcome::Rejected ? fuzz::lastRejection().c_str() : outcomeName(outcome));
    }

    void seedCorpusAccepted_data() { addFileRows("corpus"); }
    void seedCorpusAccepted() {
        QFETCH(QString, target);
        QFETCH(QString, path);
        QVERIFY(!path.isEmpty());
        QCOMPARE(outcomeName(feedFile(target, path)), outcomeName(fuzz::Outcome::Accepted));
    }

    void emptyInputIsRejected() {
        for (const char* target : kTargets) {
            const std::uint8_t none = 0;
            const fuzz::Outcome outcome = fuzz::feedFunction(target)(&none, 0);
            // No arguments parse (flags), but nothing to derive from: a Usage error, like a file without
            // records.
            QCOMPARE(outcomeName(outcome), outcomeName(fuzz::Outcome::Rejected));
        }
    }
};

QTEST_MAIN(FuzzRegressionTest)
#include "fuzz_regression_test.moc"
