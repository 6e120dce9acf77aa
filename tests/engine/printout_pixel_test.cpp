// The original program's -printout_pixel block parsed into trace entries: the values, their
// names and sites as the engines record them (the last layer, sub-pixel, source, φ step and
// domain; the pixel's end factors unless -oversample_* makes them per evaluation), in the
// engines' order; another pixel's block and unknown lines are ignored.
#include <QtTest>

#include "params/Derive.h"
#include "params/FlagParser.h"
#include "trace/Printout.h"

using namespace bragg;

namespace {

// As the original prints it (with -oversample 2, 3 mosaic domains), plus noise around it.
const char* kOutput =
    "  1x1 pixel oversample steps\n"
    "   3    4 : stol = 1.0e+07 or 0.001\n"
    "at 9 9 9\n"
    "  12   10 : stol = 3.77897e+07 or 0.00377897\n"
    "at 0.1 0.000625 -0.000425\n"
    "hkl= -0.003163 0.626405 -0.422886  hkl0= 0 1 0\n"
    " F_cell=100  F_latt=0.92751   I = 74620\n"
    "I/steps     6218.333657\n"
    "polar      0.9999659398\n"
    "omega   9.998978212e-07\n"
    "capfrac               1\n"
    "pixel    0.006217486691\n"
    "writing x.bin as 1024 4-byte floats\n";

Experiment experiment(std::vector<std::string> extra) {
    std::vector<std::string> flags = {
        "-cell", "100",         "100", "100", "90", "90",      "90",  "-default_F",
        "100",   "-detpixels",  "32",  "-N",  "3",  "-mosaic", "0.3", "-mosaic_domains",
        "3",     "-oversample", "2"};
    flags.insert(flags.end(), extra.begin(), extra.end());
    return deriveExperiment(parseNanoBraggFlags(flags).params);
}

}  // namespace

class PrintoutPixelTest : public QObject {
    Q_OBJECT
private slots:
    void blockOfThePixelInTheEnginesNamesAndOrder() {
        const std::vector<TraceEntry> e = parsePrintoutPixel(kOutput, experiment({}), 12, 10);
        QStringList keys;
        for (const TraceEntry& t : e) keys << QString::fromStdString(t.key());
        const QStringList expected = {"layer 0 sub (1,1): P.x",
                                      "layer 0 sub (1,1): P.y",
                                      "layer 0 sub (1,1): P.z",
                                      "layer 0 sub (1,1) source 0: stol",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: h",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: k",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: l",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: h0",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: k0",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: l0",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: F_latt",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: F_cell",
                                      "layer 0 sub (1,1) source 0 phi 0 domain 2: I",
                                      "end_capture",
                                      "end_polar",
                                      "end_omega",
                                      "value"};
        QCOMPARE(keys, expected);
        QCOMPARE(e[1].value, 0.000625);
        QCOMPARE(e[3].value, 3.77897e+07);
        QCOMPARE(e[6].value, -0.422886);
        QCOMPARE(e[8].value, 1.0);
        QCOMPARE(e[10].value, 0.92751);
        QCOMPARE(e[12].value, 74620.0);
        QCOMPARE(e[15].value, 9.998978212e-07);
        QCOMPARE(e[16].value, 0.006217486691);
    }

    void perEvaluationFactorsWithOversampleFlags() {
        const std::vector<TraceEntry> e =
            parsePrintoutPixel(kOutput, experiment({"-oversample_omega", "-oversample_polar"}), 12, 10);
        const auto has = [&](const std::string& key) {
            return std::any_of(e.begin(), e.end(), [&](const TraceEntry& t) { return t.key() == key; });
        };
        QVERIFY(has("layer 0 sub (1,1): omega"));
        QVERIFY(has("layer 0 sub (1,1) source 0: polar"));
        QVERIFY(has("end_capture"));
        QVERIFY(!has("end_omega"));
    }

    void otherPixelOrNoBlockGivesNothing() {
        QCOMPARE(parsePrintoutPixel(kOutput, experiment({}), 5, 5).size(), std::size_t(0));
        QCOMPARE(parsePrintoutPixel("nanoBragg\nwriting x.bin\n", experiment({}), 12, 10).size(),
                 std::size_t(0));
        // The block of (3, 4): only what parses (a stol and a position).
        QCOMPARE(parsePrintoutPixel(kOutput, experiment({}), 3, 4).size(), std::size_t(4));
    }
};

QTEST_GUILESS_MAIN(PrintoutPixelTest)
#include "printout_pixel_test.moc"
