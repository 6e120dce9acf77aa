// Set-ups through the comparison-run layer: an engine reports its derived set-up, a nanoBragg-
// compatible program its printout, a command template the JSON it writes to {setupfile}; the
// comparison names what differs. The fake port ignores -mosaic_domains, as a port that draws its
// own domains would.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "TestSupport.h"

#include "core/Error.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "report/SetupJson.h"
#include "run/ComparisonRun.h"
#include "setup/SetupOf.h"

using namespace bragg;
using namespace bragg::run;

namespace {

const std::vector<std::string> kFlags = {
    "-cell", "60",           "70", "80",     "90",  "95",        "90", "-default_F", "50",  "-N",
    "4",     "-detpixels",   "48", "-pixel", "0.5", "-distance", "90", "-mosaic",    "0.5", "-mosaic_domains",
    "5",     "-mosaic_seed", "11"};

// A POSIX shell filter dropping "-mosaic_domains N" from the arguments, then running `command`.
QString withoutMosaicDomains(const QString& command) {
    return QStringLiteral(
               "skip=0\n"
               "for a do\n"
               "  shift\n"
               "  if [ $skip = 1 ]; then skip=0; continue; fi\n"
               "  if [ \"$a\" = -mosaic_domains ]; then skip=1; continue; fi\n"
               "  set -- \"$@\" \"$a\"\n"
               "done\n"
               "exec %1 \"$@\"")
        .arg(command);
}

RunResult compareWith(const SideSpec& candidate) {
    SidePair sides;
    SideSpec reference;
    reference.engine = "reference";
    sides.reference.set(reference);
    sides.candidate.set(candidate);
    RunRequest rq;
    rq.flags = kFlags;
    rq.params = parseNanoBraggFlags(kFlags).params;
    RunControls controls;
    return runComparison(sides, rq, controls);
}

QString original() {
    const QString env = qEnvironmentVariable("BRAGG_ORIGINAL_BIN");
    return env.isEmpty() ? QStringLiteral(BRAGG_DEFAULT_ORIGINAL_BIN) : env;
}

}  // namespace

class SetupSideTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void jsonRoundTripAndBadFiles() {
        const setup::Setup ours = setup::setupOf(deriveExperiment(parseNanoBraggFlags(kFlags).params));
        const setup::Setup back = report::setupFromJson(report::toJson(ours), "port.json");
        QCOMPARE(back.source, std::string("file"));
        const setup::SetupComparison c = setup::compareSetupsOf(ours, back);
        QCOMPARE(c.compared, ours.values.size());
        QVERIFY(c.differences.empty());
        QCOMPARE(back.find("mosaic_domains")->numbers, std::vector<double>{5});

        const auto error = [](const char* text) -> std::string {
            try {
                report::setupFromJson(nlohmann::ordered_json::parse(text), "port.json");
            } catch (const Error& e) {
                return e.what();
            }
            return "no error";
        };
        QCOMPARE(
            error(R"({"quantities": {"mosaic_domain": 5}})"),
            std::string("port.json: unknown set-up quantity 'mosaic_domain' (docs/setup.md lists them)"));
        QCOMPARE(error(R"({"quantities": {"mosaic_domains": "five"}})"),
                 std::string("port.json: 'mosaic_domains' must be a number or an array of numbers"));
        QCOMPARE(error(R"({"quantities": {"convention": 1}})"),
                 std::string("port.json: 'convention' must be a string"));
        QVERIFY(error(R"([1, 2])").find("port.json: not a set-up file") == 0);
    }

    void commandSideWritesItsSetupFile() {
        const QString bragg = qEnvironmentVariable("BRAGG_BIN");
        if (bragg.isEmpty()) QSKIP("BRAGG_BIN not set");
        const QString script = testsupport::shellScript(
            dir_, "port-json",
            "out=$1; setupfile=$2; shift 2\n" +
                withoutMosaicDomains(QStringLiteral("'%1' simulate --quiet --engine reference --setup-json "
                                                    "\"$setupfile\" -floatfile \"$out\" -nonoise -nopgm")
                                         .arg(bragg)));
        SideSpec port;
        port.kind = SideKind::Command;
        port.command = script.toStdString() + " {floatfile} {setupfile} {flags}";
        port.option = "--candidate-cmd";
        const RunResult r = compareWith(port);
        QCOMPARE(r.candidate.setup.source, std::string("file"));
        QVERIFY(r.summary.comparison.setup);
        const setup::SetupComparison& s = *r.summary.comparison.setup;
        QCOMPARE(s.referenceSource, std::string("engine"));
        QCOMPARE(s.candidateSource, std::string("file"));
        QCOMPARE(s.differences.size(), std::size_t(1));
        QCOMPARE(s.differences[0].name, std::string("mosaic_domains"));
        QCOMPARE(s.differences[0].reference, std::string("5"));
    }

    void programSidePrintoutNamesTheIgnoredFlag() {
        if (!QFile::exists(original()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + original() + ")"));
        SideSpec faithful;
        faithful.kind = SideKind::Program;
        faithful.path = original().toStdString();
        faithful.option = "--candidate-bin";
        const RunResult same = compareWith(faithful);
        QCOMPARE(same.candidate.setup.source, std::string("printout"));
        QVERIFY(same.summary.comparison.setup);
        QCOMPARE(same.summary.comparison.setup->compared, setup::quantities().size() - 1);  // µ: no thickness
        QVERIFY2(same.summary.comparison.setup->differences.empty(),
                 same.summary.comparison.setup->line().c_str());

        SideSpec port = faithful;
        port.path =
            testsupport::shellScript(dir_, "port-printout", withoutMosaicDomains("'" + original() + "'"))
                .toStdString();
        const RunResult r = compareWith(port);
        const setup::SetupComparison& s = *r.summary.comparison.setup;
        QCOMPARE(s.candidateSource, std::string("printout"));
        QCOMPARE(s.differences.size(), std::size_t(1));
        QCOMPARE(s.differences[0].name, std::string("mosaic_domains"));
        QVERIFY(s.line().find("set-up differs: mosaic domains 5 vs ") == 0);
    }

private:
    QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(SetupSideTest)
#include "setup_side_test.moc"
