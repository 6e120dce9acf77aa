// `bragg merge` of parity and hunt shards refuses what would not give one process's report: a
// shard missing, a shard of another run, shards of two verbs, a folder without shards — each a
// one-line error naming the folder or file, exit 5 — and merges a complete set. The equality with
// one process and with MPI ranks is tests/distributed/parity_hunt_distributed_test.
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "HuntTestSupport.h"

namespace {

using testsupport::CliRun;
using testsupport::readJson;
using testsupport::runBragg;

const QByteArray kCatalogue = R"({"cases": [
  {"id": "a", "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 24 -N 3"},
  {"id": "b", "flags": "-cell 100 100 100 90 90 90 -default_F 100 -distance 100 -detpixels 24 -N 3 -phi 5"}
]})";

CliRun parityShard(const QString& shard, const QString& engines, const QString& outdir, const QString& dir) {
    return runBragg({"parity", "cat.json", "--engines", engines, "--shard", shard, "--outdir", outdir, "-q"},
                    dir);
}

// A one-line error with this status and text.
void checkError(const CliRun& r, int exitCode, const QString& text) {
    QVERIFY2(r.exitCode == exitCode, qPrintable(QString::number(r.exitCode) + ": " + r.err));
    QVERIFY2(r.err.startsWith("bragg ") && r.err.contains(text), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);
}

}  // namespace

class ShardMergeCliTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY2(QFile::exists(qEnvironmentVariable("BRAGG_BIN")), "set BRAGG_BIN"); }

    void parityShardsMissingOrMismatchedAreRefused() {
        QTemporaryDir dir;
        QFile catalogue(dir.filePath("cat.json"));
        QVERIFY(catalogue.open(QIODevice::WriteOnly) && catalogue.write(kCatalogue) == kCatalogue.size());
        catalogue.close();
        QCOMPARE(parityShard("0/2", "reference,reference", "sh", dir.path()).exitCode, 0);
        checkError(runBragg({"merge", "sh"}, dir.path()), 5,
                   "merge: error: sh: 1 of 2 cases missing: 1 (run shards 1/2 again)");
        QVERIFY(!QFile::exists(dir.filePath("sh/summary.json")));

        // Shard 1 of another run (other sides) in another folder.
        QCOMPARE(parityShard("1/2", "reference,optimized", "other", dir.path()).exitCode, 0);
        checkError(
            runBragg({"merge", "sh", "other"}, dir.path()), 5,
            "other/parity.shard-1-of-2.json: a shard of another parity run than sh/parity.shard-0-of-2.json");

        QCOMPARE(parityShard("1/2", "reference,reference", "sh", dir.path()).exitCode, 0);
        const CliRun merged = runBragg({"merge", "sh", "-q"}, dir.path());
        QVERIFY2(merged.exitCode == 0, qPrintable(merged.err));
        const QJsonObject summary = readJson(dir.filePath("sh/summary.json"));
        QCOMPARE(summary["status"].toString(), QString("PASS"));
        const QJsonArray cases = summary["cases"].toArray();
        QCOMPARE(cases.size(), 2);
        QCOMPARE(cases[0].toObject()["id"].toString(), QString("a"));
        QCOMPARE(cases[1].toObject()["id"].toString(), QString("b"));
        QCOMPARE(cases[1].toObject()["comparison"].toObject()["metrics"].toObject()["pearson"].toDouble(),
                 1.0);

        // A hunt shard beside the parity shards; a folder with none.
        QCOMPARE(
            runBragg({"hunt", "--configs", "2", "--size-max", "8", "--shard", "0/2", "--outdir", "sh", "-q"},
                     dir.path())
                .exitCode,
            0);
        checkError(runBragg({"merge", "sh"}, dir.path()), 5,
                   "sh: shards of more than one verb (hunt, parity)");
        QVERIFY(QDir(dir.path()).mkdir("empty"));
        checkError(runBragg({"merge", "empty"}, dir.path()), 5, "empty: no shard outputs");
    }

    void huntShardMissingNamesTheShards() {
        QTemporaryDir dir;
        const QStringList common{"hunt", "--configs", "5", "--size-max", "8", "-q", "--outdir", "h"};
        QCOMPARE(runBragg(common + QStringList{"--shard", "0/3"}, dir.path()).exitCode, 0);
        const QJsonObject shard = readJson(dir.filePath("h/hunt.shard-0-of-3.json"));
        QCOMPARE(shard["items"].toInt(), 5);
        QCOMPARE(shard["records"].toArray().size(), 2);  // configurations 0 and 3
        checkError(runBragg({"merge", "h"}, dir.path()), 5,
                   "h: 3 of 5 configurations missing: 1, 2, 4 (run shards 1/3, 2/3 again)");
        for (const char* s : {"1/3", "2/3"})
            QCOMPARE(runBragg(common + QStringList{"--shard", s}, dir.path()).exitCode, 0);
        QCOMPARE(runBragg({"merge", "h", "-q"}, dir.path()).exitCode, 0);
        const QJsonObject hunt = readJson(dir.filePath("h/hunt.json"));
        QCOMPARE(hunt["configs_done"].toInt(), 5);
        QCOMPARE(hunt["findings"].toArray().size(), 0);
        testsupport::checkHuntSchema(hunt, dir.filePath("h/hunt.md"));
    }

    void distributionUsageErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("parity shard") << QStringList{"parity", "cat.json", "--shard", "2/2"}
                                      << "--shard: expected I/N with 0 <= I < N, got '2/2'";
        QTest::newRow("hunt time") << QStringList{"hunt", "--time", "1", "--shard", "0/2"}
                                   << "--time: not with --mpi or --shard";
        QTest::newRow("hunt resume") << QStringList{"hunt", "--resume", "--shard", "0/2"}
                                     << "--resume: not with --shard";
    }

    void distributionUsageErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        checkError(runBragg(args + QStringList{"--outdir", "out"}, dir.path()), 1, message);
    }
};

QTEST_GUILESS_MAIN(ShardMergeCliTest)
#include "shard_merge_cli_test.moc"
