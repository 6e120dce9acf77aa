// bragg hunt's shrinking (hunt/Shrink.h) with synthetic predicates (no rendering): it ends on the
// expected minimal set, keeps -misset and -misset_seed together (docs/flags.md §1), never
// removes pinned flags, simplifies values, and stops at its test budget. Also the failure
// signatures (hunt/FailureSignature.h) and the --families selection.
#include <QtTest>

#include <algorithm>

#include "core/Error.h"
#include "hunt/ConfigGenerator.h"
#include "hunt/FailureSignature.h"
#include "hunt/Shrink.h"
#include "params/FlagParser.h"

using namespace bragg;
using namespace bragg::hunt;

namespace {

std::vector<std::string> words(const QString& text) {
    std::vector<std::string> out;
    for (const QString& w : text.split(' ', Qt::SkipEmptyParts)) out.push_back(w.toStdString());
    return out;
}

QString text(const std::vector<std::string>& flags) {
    QStringList out;
    for (const std::string& f : flags) out << QString::fromStdString(f);
    return out.join(' ');
}

// The flags parse, or the predicate says "does not fail" (as a real side would refuse them).
std::optional<Params> parsed(const std::vector<std::string>& flags) {
    try {
        return parseNanoBraggFlags(flags).params;
    } catch (const Error&) {
        return std::nullopt;
    }
}

// The first generated configuration (seed 1) whose flags contain `flag`.
Configuration configurationWith(const std::string& flag) {
    for (int i = 0;; ++i) {
        Configuration c = drawConfiguration(1, i);
        if (std::count(c.flags.begin(), c.flags.end(), flag) && c.flags.size() > 20) return c;
    }
}

}  // namespace

class HuntShrinkTest : public QObject {
    Q_OBJECT
private slots:
    void groupsKeepValuesWithTheirFlag() {
        const auto groups =
            splitFlagGroups(words("-Xbeam -3.5 -misset random -misset_seed 5 12 -4 -nopolar -pivot beam"));
        QCOMPARE(int(groups.size()), 5);
        QCOMPARE(groups[0], (FlagGroup{"-Xbeam", "-3.5"}));
        QCOMPARE(groups[2], (FlagGroup{"-misset_seed", "5", "12", "-4"}));
        QCOMPARE(groups[4], (FlagGroup{"-pivot", "beam"}));
        QCOMPARE(joinFlagGroups(groups),
                 words("-Xbeam -3.5 -misset random -misset_seed 5 12 -4 -nopolar -pivot beam"));
    }

    void missetAndItsSeedAreOneUnit() {
        const auto groups =
            splitFlagGroups(words("-misset random -N 2 -misset_seed 5 -mosaic 1 -mosaic_seed 7"));
        const auto units = removalUnits(groups);
        QCOMPARE(int(units.size()), 4);
        QCOMPARE(units[0], (std::vector<int>{0, 2}));  // -misset with -misset_seed
        // -mosaic_seed is no -mosaic: separate units.
        QVERIFY(std::count(units.begin(), units.end(), std::vector<int>{3}));
        QVERIFY(std::count(units.begin(), units.end(), std::vector<int>{4}));
    }

    // A predicate that fails whenever a misset is in effect: removing only -misset_seed would
    // leave -misset random (still a misset, clock-seeded in a real run); removing only -misset
    // would leave the quirk's fixed misset. Both go or both stay.
    void shrinkKeepsTheMissetQuirkTogether() {
        const auto flags =
            words("-cell 100 100 100 90 90 90 -misset random -N 2 -misset_seed 5 -default_F 10");
        const ShrinkResult r = shrinkFlags(flags, [](const std::vector<std::string>& f) {
            const auto p = parsed(f);
            return p && p->missetMode != MissetMode::None;
        });
        QCOMPARE(text(r.flags), QString("-misset random -misset_seed 5"));
        QVERIFY(r.complete);
    }

    // A known failing configuration (a generated one with a detector rotation) against a port
    // that ignores -detector_rotx: ends on the cell, the pinned detector size and the rotation,
    // each simplified.
    void shrinkOfAGeneratedConfigurationEndsOnTheExpectedSet() {
        const Configuration c = configurationWith("-detector_rotx");
        int calls = 0;
        const auto failing = [&](const std::vector<std::string>& f) {
            ++calls;
            const auto p = parsed(f);
            return p && std::count(f.begin(), f.end(), "-cell") && p->detectorRotDeg[0] != 0;
        };
        QVERIFY(failing(c.flags));
        ShrinkOptions options;
        options.pinned = {"-detpixels", "-detpixels_f", "-detpixels_s"};
        QStringList steps;
        options.progress = [&](const std::string& s) { steps << QString::fromStdString(s); };
        const ShrinkResult r = shrinkFlags(c.flags, failing, options);
        qInfo("%s\n  → %s (%d tests)", c.commandLine().c_str(), qPrintable(text(r.flags)), r.tests);
        QCOMPARE(r.tests, calls - 1);
        QVERIFY(r.complete);
        QVERIFY(failing(r.flags));
        QStringList names;
        for (const FlagGroup& g : splitFlagGroups(r.flags)) names << QString::fromStdString(g[0]);
        names.sort();
        const bool square = std::count(c.flags.begin(), c.flags.end(), "-detpixels");
        QCOMPARE(names, square ? QStringList({"-cell", "-detector_rotx", "-detpixels"})
                               : QStringList({"-cell", "-detector_rotx", "-detpixels_f", "-detpixels_s"}));
        QVERIFY2(text(r.flags).contains("-cell 100 100 100 90 90 90"), qPrintable(text(r.flags)));
        for (const FlagGroup& g : splitFlagGroups(r.flags)) {
            if (g[0].rfind("-detpixels", 0) == 0) QCOMPARE(g[1], std::string("8"));
            if (g[0] == "-detector_rotx")  // one significant digit
                QVERIFY2(QString::fromStdString(g[1]).remove(QRegularExpression("[-.0]")).size() == 1,
                         g[1].c_str());
        }
        QVERIFY(!steps.isEmpty());
    }

    // Two flags are needed together: delta debugging and one-at-a-time removal leave exactly them.
    void shrinkIsOneMinimal() {
        const Configuration c = configurationWith("-mosaic_domains");
        const auto failing = [](const std::vector<std::string>& f) {
            return std::count(f.begin(), f.end(), "-mosaic_domains") &&
                   std::count(f.begin(), f.end(), "-cell");
        };
        const ShrinkResult r = shrinkFlags(c.flags, failing);
        QStringList names;
        for (const FlagGroup& g : splitFlagGroups(r.flags)) names << QString::fromStdString(g[0]);
        names.sort();
        QCOMPARE(names, QStringList({"-cell", "-mosaic_domains"}));
        QVERIFY(text(r.flags).contains("-mosaic_domains 1"));
    }

    void budgetAndStopEndShrinkingEarly() {
        const Configuration c = configurationWith("-mosaic_domains");
        const auto always = [](const std::vector<std::string>&) { return true; };
        ShrinkOptions options;
        options.maxTests = 3;
        ShrinkResult r = shrinkFlags(c.flags, always, options);
        QCOMPARE(r.tests, 3);
        QVERIFY(!r.complete);
        options.maxTests = 1000;
        options.stopRequested = [] { return true; };
        r = shrinkFlags(c.flags, always, options);
        QCOMPARE(r.tests, 0);
        QVERIFY(!r.complete);
        QCOMPARE(r.flags, c.flags);
    }

    void valuesGetSimpler() {
        QCOMPARE(simplerGroups({"-cell", "70.5", "80", "90", "75", "85", "95"}).front(),
                 (FlagGroup{"-cell", "100", "100", "100", "90", "90", "90"}));
        QCOMPARE(simplerGroups({"-N", "7"}), (std::vector<FlagGroup>{{"-N", "1"}, {"-N", "2"}}));
        QCOMPARE(simplerGroups({"-detpixels", "40"}).front(), (FlagGroup{"-detpixels", "8"}));
        QCOMPARE(simplerGroups({"-phi", "37.25"}).front(), (FlagGroup{"-phi", "40"}));
        QCOMPARE(simplerGroups({"-flux", "1.76e+12"}).front(), (FlagGroup{"-flux", "2e+12"}));
        QVERIFY(simplerGroups({"-mosaic_seed", "123457"}).empty());
        QCOMPARE(simplerGroups({"-misset_seed", "123457", "-72.2", "5"}).front(),
                 (FlagGroup{"-misset_seed", "123457", "-70", "5"}));
        QVERIFY(simplerGroups({"-hkl", "P1.hkl"}).empty());
        QVERIFY(simplerGroups({"-N", "1"}).empty());
        QVERIFY(simplerGroups({"-twotheta", "20"}).empty());
    }

    void signatures() {
        Image a(8, 8), b(8, 8);
        for (std::size_t i = 0; i < a.size(); ++i) a.pixels[i] = b.pixels[i] = float(i % 7);
        QCOMPARE(signatureOf(compareImages(a, b, {})).kind, FailureKind::None);
        for (float& v : b.pixels) v *= 1.01f;  // same pattern, 1 % brighter
        const FailureSignature brighter = signatureOf(compareImages(a, b, {}));
        QCOMPARE(brighter.kind, FailureKind::Metrics);
        QCOMPARE(brighter.metrics, std::vector<std::string>{"sum-ratio"});
        std::reverse(b.pixels.begin(), b.pixels.end());
        const FailureSignature scrambled = signatureOf(compareImages(a, b, {}));
        QVERIFY(std::count(scrambled.metrics.begin(), scrambled.metrics.end(), "pearson"));
        QVERIFY(failsTheSameWay(scrambled, brighter));  // any threshold failure is the same kind
        QVERIFY(!failsTheSameWay({}, {}));              // agreement is no failure
        b = a;
        b.pixels[3] = NAN;
        QCOMPARE(signatureOf(compareImages(a, b, {})).kind, FailureKind::NonFinite);
        QVERIFY(!failsTheSameWay({FailureKind::NonFinite, {}}, brighter));
        QVERIFY(failsTheSameWay({FailureKind::CandidateFailed, {}}, {FailureKind::CandidateFailed, {}}));
    }

    void familiesRestrictAndExclude() {
        QCOMPARE(selectFamilies("mosaic,phi"), (std::vector<Family>{Family::Mosaic, Family::Phi}));
        const std::vector<Family> most = selectFamilies("-hkl,-water");
        QCOMPARE(most.size(), allFamilies().size() - 2);
        QVERIFY(!std::count(most.begin(), most.end(), Family::Hkl));
        QVERIFY_THROWS_EXCEPTION(Error, selectFamilies("mosiac"));
        QVERIFY_THROWS_EXCEPTION(Error, selectFamilies("phi,-phi"));
    }
};

QTEST_GUILESS_MAIN(HuntShrinkTest)
#include "hunt_shrink_test.moc"
