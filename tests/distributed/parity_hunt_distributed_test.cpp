// `bragg parity` and `bragg hunt` spread over processes: one process, two Open MPI ranks (mpirun
// -np 2 --oversubscribe) and two shards combined by `bragg merge` give the same cases, verdicts,
// metrics, findings, minimal command lines and exit status; only the run-dependent fields the
// README lists (timings, the host) differ. A perturbed candidate (test hook) makes both BLOCKED.
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "HuntTestSupport.h"
#include "MpiSupport.h"

namespace {

using testsupport::CliRun;
using testsupport::readAll;
using testsupport::readJson;

const QString kPerturbed = "reference,perturbed:mosaic-seed:reference";

// Four small cases; the mosaic one fails against the perturbed candidate (and is bisected).
const QByteArray kCatalogue = R"({
  "name": "distributed",
  "thresholds": {"pearson_min": 0.9999, "sum_ratio_tol": 0.001},
  "cases": [
    {"id": "plain", "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 40 -N 5"},
    {"id": "mosaic", "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 40 -N 5 -oversample 1 -mosaic 0.8 -mosaic_domains 8"},
    {"id": "phi", "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 40 -N 5 -phi 10 -osc 1 -phisteps 2"},
    {"id": "misset", "flags": "-cell 70 80 90 90 90 90 -default_F 100 -distance 100 -detpixels 40 -N 4 -misset 5 3 1"}
  ]
})";

// bragg-hooked, so the perturbed candidate can be named.
CliRun bragg(const QStringList& args, const QString& dir) {
    return testsupport::runBraggWithHooks(args, dir);
}
CliRun underMpirun(const QStringList& args, const QString& dir) {
    return mpisupport::runProgram(mpisupport::mpirun(), mpisupport::twoRanks("BRAGG_HOOKED_BIN") + args, dir,
                                  QProcessEnvironment::systemEnvironment());
}

// A JSON value without the run-dependent keys: every "*second*" (times, pixel-steps per second),
// "speedup" and "elapsed_s".
QJsonValue withoutTimings(const QJsonValue& v) {
    if (v.isArray()) {
        QJsonArray a;
        for (const QJsonValue& e : v.toArray()) a.append(withoutTimings(e));
        return a;
    }
    if (!v.isObject()) return v;
    QJsonObject o;
    const QJsonObject in = v.toObject();
    for (auto it = in.begin(); it != in.end(); ++it)
        if (!it.key().contains("second") && it.key() != "speedup" && it.key() != "elapsed_s")
            o.insert(it.key(), withoutTimings(it.value()));
    return o;
}

// summary.md without its run-dependent parts: the build and wall-time lines, the timing columns of
// the case table and the Timings section.
QString parityMarkdownWithoutTimings(const QString& md) {
    QStringList kept;
    bool timings = false;
    for (QString line : md.split('\n')) {
        if (line.startsWith("## ")) timings = line == "## Timings";
        if (timings || line.startsWith("- build:") || line.contains("wall time")) continue;
        if (line.startsWith("| ") && line.count(" | ") >= 10) line = line.section(" | ", 0, -4);
        kept << line;
    }
    return kept.join('\n');
}

// hunt.md without the run's seconds on its summary line.
QString huntMarkdownWithoutTimings(QString md) {
    return md.replace(QRegularExpression(", [0-9.]+ s\\n"), "\n");
}

// Why two parity reports differ (empty if only in run-dependent fields).
QString parityDifference(const QString& a, const QString& b) {
    if (withoutTimings(readJson(a + "/summary.json")) != withoutTimings(readJson(b + "/summary.json")))
        return "summary.json differs";
    if (withoutTimings(readJson(a + "/benchmark_results.json")) !=
        withoutTimings(readJson(b + "/benchmark_results.json")))
        return "benchmark_results.json differs";
    if (parityMarkdownWithoutTimings(QString::fromUtf8(readAll(a + "/summary.md"))) !=
        parityMarkdownWithoutTimings(QString::fromUtf8(readAll(b + "/summary.md"))))
        return "summary.md differs";
    if (readAll(a + "/cases/mosaic/diff.png") != readAll(b + "/cases/mosaic/diff.png") ||
        readAll(a + "/cases/mosaic/diff.png").isEmpty())
        return "cases/mosaic/diff.png differs or is missing";
    return {};
}

// The inputs/ folders a hunt kept (generated files of failing configurations).
QStringList keptInputs(const QString& dir) {
    QStringList files;
    for (QDirIterator it(dir + "/inputs", QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        files << QDir(dir).relativeFilePath(it.next());
    files.sort();
    return files;
}

QString huntDifference(const QString& a, const QString& b) {
    if (withoutTimings(readJson(a + "/hunt.json")) != withoutTimings(readJson(b + "/hunt.json")))
        return "hunt.json differs";
    if (huntMarkdownWithoutTimings(QString::fromUtf8(readAll(a + "/hunt.md"))) !=
        huntMarkdownWithoutTimings(QString::fromUtf8(readAll(b + "/hunt.md"))))
        return "hunt.md differs";
    if (keptInputs(a) != keptInputs(b))
        return "kept inputs differ: " + keptInputs(a).join(",") + " vs " + keptInputs(b).join(",");
    return {};
}

using Difference = QString (*)(const QString&, const QString&);

// `common` as shards 0/2 and 1/2 (in s0/ and s1/, exiting with `shardExits`), merged into
// merged/: the same as one/ (run already), and merge exits with `exitCode` as one/ did.
void checkShardsMerged(const QStringList& common, const QString& dir, Difference difference,
                       const QList<int>& shardExits, int exitCode) {
    for (int s : {0, 1}) {
        const QString folder = "s" + QString::number(s);
        const CliRun r =
            bragg(common + QStringList{"--shard", QString::number(s) + "/2", "--outdir", folder}, dir);
        QVERIFY2(r.exitCode == shardExits[s], qPrintable(folder + ": " + r.out + r.err));
        QVERIFY(!QFile::exists(dir + "/" + folder + "/summary.json") &&
                !QFile::exists(dir + "/" + folder + "/hunt.json"));
    }
    const CliRun merged = bragg({"merge", "s0", "s1", "--outdir", "merged"}, dir);
    QVERIFY2(merged.exitCode == exitCode, qPrintable(merged.out + merged.err));
    const QString why = difference(dir + "/one", dir + "/merged");
    QVERIFY2(why.isEmpty(), qPrintable("shards: " + why));
}

// `common --mpi` under mpirun with two ranks into mpi/: the same as one/, the same exit status.
void checkRanks(const QStringList& common, const QString& dir, Difference difference, int exitCode) {
    const CliRun mpi = underMpirun(common + QStringList{"--mpi", "--outdir", "mpi"}, dir);
    QVERIFY2(mpi.exitCode == exitCode, qPrintable(mpi.out + mpi.err));
    const QString why = difference(dir + "/one", dir + "/mpi");
    QVERIFY2(why.isEmpty(), qPrintable("mpi: " + why));
}

// A quick hunt with --mpi: says whether this bragg has MPI.
const QStringList kMpiProbe{"hunt", "--mpi", "--configs", "1", "-q", "--outdir", "probe"};

}  // namespace

class ParityHuntDistributedTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void parityIsTheSameOverRanksAndShards() {
        QTemporaryDir dir;
        QFile catalogue(dir.filePath("cat.json"));
        QVERIFY(catalogue.open(QIODevice::WriteOnly) && catalogue.write(kCatalogue) == kCatalogue.size());
        catalogue.close();
        const QStringList common{"parity", "cat.json", "--engines", kPerturbed, "--threads", "1", "-q"};
        const CliRun one = bragg(common + QStringList{"--outdir", "one"}, dir.path());
        QVERIFY2(one.exitCode == 3, qPrintable(one.out + one.err));
        const QJsonObject summary = readJson(dir.filePath("one/summary.json"));
        QCOMPARE(summary["totals"].toObject()["pass"].toInt(), 3);
        QCOMPARE(summary["cases"].toArray()[1].toObject()["status"].toString(), QString("BLOCKED"));
        QVERIFY(summary["cases"].toArray()[1].toObject().contains("bisect"));

        // Two shards, in two folders; merge writes the report into a third. Shard 1 has cases 1
        // (mosaic, BLOCKED) and 3.
        checkShardsMerged(common, dir.path(), parityDifference, {0, 3}, 3);
        if (QTest::currentTestFailed()) return;
        if (const QString why = mpisupport::whyNoMpi(kMpiProbe, dir.path()); !why.isEmpty())
            QSKIP(qPrintable(why));
        checkRanks(common, dir.path(), parityDifference, 3);
    }

    void huntIsTheSameOverRanksAndShards() {
        QTemporaryDir dir;
        const QStringList common{"hunt",       "--engines",  kPerturbed,
                                 "--size-max", "16",         "--seed",
                                 "7",          "--families", "mosaic,cell,phi,sourcefile",
                                 "--configs",  "12",         "--threads",
                                 "1",          "-q"};
        const CliRun one = bragg(common + QStringList{"--outdir", "one"}, dir.path());
        QCOMPARE(one.exitCode, 3);
        const QJsonObject hunt = readJson(dir.filePath("one/hunt.json"));
        QCOMPARE(hunt["configs_done"].toInt(), 12);
        QVERIFY(hunt["findings"].toArray().size() >= 1);
        QVERIFY(hunt["failed"].toInt() >= 2);  // so that the order of adding them matters

        // With seed 7, each shard has failing configurations (so both exit 3).
        checkShardsMerged(common, dir.path(), huntDifference, {3, 3}, 3);
        if (QTest::currentTestFailed()) return;
        if (const QString why = mpisupport::whyNoMpi(kMpiProbe, dir.path()); !why.isEmpty())
            QSKIP(qPrintable(why));
        checkRanks(common, dir.path(), huntDifference, 3);
    }
};

QTEST_GUILESS_MAIN(ParityHuntDistributedTest)
#include "parity_hunt_distributed_test.moc"
