// The JSON-lines trace ports write (report/TraceJsonLines, docs/trace-format.md): an engine's trace
// written and read back is the same trace; names come from the one list (trace/TraceQuantities),
// and every quantity either engine records is on it; malformed lines are one-line errors.
#include <QtTest>

#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"
#include "report/TraceJsonLines.h"
#include "trace/TraceDiff.h"
#include "trace/TraceQuantities.h"

using namespace bragg;

namespace {

Experiment experiment() {
    return deriveExperiment(
        parseNanoBraggFlags({"-cell",     "60",          "70",         "80",     "90",
                             "95",        "90",          "-default_F", "50",     "-N",
                             "4",         "-detpixels",  "32",         "-pixel", "0.5",
                             "-distance", "90",          "-mosaic",    "0.3",    "-mosaic_domains",
                             "2",         "-oversample", "2"})
            .params);
}

std::string error(const std::string& text) {
    try {
        report::parseTraceJsonLines(text, "port.jsonl");
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

class TraceLinesTest : public QObject {
    Q_OBJECT
private slots:
    void everyRecordedQuantityIsListed() {
        const Experiment e = experiment();
        for (const char* engine : {"reference", "optimized"}) {
            const PixelTrace t = makeEngine(engine)->tracePixel(e, 20, 11);
            QVERIFY(t.entries.size() > 50);
            for (const TraceEntry& entry : t.entries)
                QVERIFY2(findTraceQuantity(entry.quantity),
                         (std::string(engine) + ": " + entry.quantity).c_str());
        }
        QVERIFY(!findTraceQuantity("P.w"));
        QCOMPARE(std::string(findTraceQuantity("S.z")->name), std::string("S"));
    }

    void writtenAndReadBackIsTheSameTrace() {
        const PixelTrace t = makeEngine("reference")->tracePixel(experiment(), 20, 11);
        const std::string lines = report::traceJsonLines(t);
        QVERIFY(lines.rfind("{\"trace\":\"bragg-trace/1\",\"engine\":\"reference\",\"pixel\":[20,11]}\n",
                            0) == 0);
        QVERIFY(lines.find("{\"quantity\":\"P\",\"unit\":\"m\",\"value\":[") != std::string::npos);
        const PixelTrace back = report::parseTraceJsonLines(lines, "t.jsonl");
        QCOMPARE(back.entries.size(), t.entries.size());
        QCOMPARE(back.fast, 20);
        for (std::size_t i = 0; i < t.entries.size(); ++i) {
            QCOMPARE(back.entries[i].key(), t.entries[i].key());
            QCOMPARE(back.entries[i].value, t.entries[i].value);  // %.17g round trip
        }
        const TraceDiff d = diffTraces(t, back);
        QVERIFY(!d.first());
        QCOMPARE(std::size_t(d.compared), t.entries.size());
    }

    void malformedLinesAreNamed() {
        QCOMPARE(error("{\"quantity\":\"h\",\"value\":1}\nnot json\n"),
                 std::string("port.jsonl line 2: not JSON"));
        QCOMPARE(error("{\"quantity\":\"hh\",\"value\":1}"),
                 std::string("port.jsonl line 1: unknown quantity 'hh' (docs/trace-format.md lists them)"));
        QCOMPARE(error("{\"quantity\":\"P\",\"unit\":\"mm\",\"value\":[1,2,3]}"),
                 std::string("port.jsonl line 1: P in \"mm\", expected \"m\""));
        QCOMPARE(error("{\"quantity\":\"P\",\"value\":[1,2]}"),
                 std::string("port.jsonl line 1: P needs three numbers"));
        QCOMPARE(error("{\"quantity\":\"h\",\"value\":1,\"source\":-2}"),
                 std::string("port.jsonl line 1: \"source\" must be a non-negative integer"));
        QCOMPARE(error("\n\n"), std::string("port.jsonl: no trace lines"));
        const PixelTrace t = report::parseTraceJsonLines(
            "{\"quantity\":\"h\",\"value\":1.5,\"subpixel\":[1,0],\"source\":0,\"phi\":0,\"domain\":1}\n",
            "p");
        QCOMPARE(t.entries.size(), std::size_t(1));
        QCOMPARE(t.entries[0].key(), std::string("sub (1,0) source 0 phi 0 domain 1: h"));
    }
};

QTEST_GUILESS_MAIN(TraceLinesTest)
#include "trace_lines_test.moc"
