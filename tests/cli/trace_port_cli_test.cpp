// A port that writes the JSON-lines trace (docs/trace-format.md) to {tracefile}: `bragg trace`
// aligns it with the reference engine's and names the first quantity that differs — here the one
// quantity the fake port perturbs (its polarization factor); the same port unperturbed agrees.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

namespace {

const QStringList kFlags{
    "-cell", "100",       "100", "100",        "90", "90", "90", "-default_F", "100", "-lambda",
    "1",     "-distance", "100", "-detpixels", "64", "-N", "5",  "-mosaic",    "1",   "-mosaic_domains",
    "2"};

// The reference engine as a port: its image, and its trace (bragg trace --jsonl) passed through
// `filter` when a trace is asked for ({tracefile} is /dev/null otherwise).
QString port(const QTemporaryDir& dir, const QString& name, const QString& filter) {
    const QString bragg = qEnvironmentVariable("BRAGG_BIN");
    return testsupport::shellScript(
        dir, name,
        QStringLiteral(
            "out=$1; tf=$2; f=$3; s=$4; shift 4\n"
            "'%1' simulate --quiet --engine reference -floatfile \"$out\" -nonoise -nopgm \"$@\" || exit 1\n"
            "[ \"$tf\" = /dev/null ] && exit 0\n"
            "'%1' trace --pixel $f $s --engines reference,reference --jsonl \"$tf.raw\" -- \"$@\" "
            ">/dev/null\n"
            "%2 < \"$tf.raw\" > \"$tf\"")
            .arg(bragg, filter));
}

}  // namespace

class TracePortCliTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void portTraceIsAlignedAndThePerturbedQuantityNamed() {
        const QString faithful = port(dir_, "faithful", "cat");
        auto r = testsupport::runBragg(
            QStringList{"trace", "--pixel", "40", "20", "--candidate-cmd",
                        faithful + " {floatfile} {tracefile} {tracefast} {traceslow} {flags}", "--"} +
                kFlags,
            dir_.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("traces agree"), qPrintable(r.out.right(400) + r.err));
        QVERIFY(r.out.contains("F_latt_a"));  // the port's per-term rows, not only its value

        const QString broken =
            port(dir_, "broken",
                 "sed 's/\\(\"quantity\":\"polar\",\"unit\":\"\",\"value\":\\)[-0-9.e+]*/\\10.5/'");
        r = testsupport::runBragg(
            QStringList{"trace", "--pixel", "40", "20", "--candidate-cmd",
                        broken + " {floatfile} {tracefile} {tracefast} {traceslow} {flags}", "--"} +
                kFlags,
            dir_.path());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains(QRegularExpression("first divergence: [^\\n]*polar: A [0-9.]+, B 0.5")),
                 qPrintable(r.out.right(600) + r.err));
    }

    void jsonlIsWritten() {
        const QString file = dir_.filePath("a.jsonl");
        const auto r = testsupport::runBragg(
            QStringList{"trace", "--pixel", "40", "20", "--jsonl", file, "--"} + kFlags, dir_.path());
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = testsupport::readAll(file).trimmed().split('\n');
        QVERIFY(lines.size() > 40);
        QVERIFY(lines.front().startsWith(
            "{\"trace\":\"bragg-trace/1\",\"engine\":\"reference\",\"pixel\":[40,20]}"));
        QVERIFY(lines.back().startsWith("{\"quantity\":\"value\",\"unit\":\"photons\",\"value\":"));
    }
};

QTEST_GUILESS_MAIN(TracePortCliTest)
#include "trace_port_cli_test.moc"
