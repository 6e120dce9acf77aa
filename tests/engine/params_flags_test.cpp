// nanoBragg flag parsing (docs/flags.md §1–§3.1): table, side effects, errors, help, round trip.
#include <QtTest/QtTest>

#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "core/Error.h"
#include "params/FlagParser.h"
#include "params/FlagTable.h"
#include "params/Params.h"

using namespace bragg;

namespace {

using Args = std::vector<std::string>;

Args split(const std::string& line) {
    std::istringstream in(line);
    Args out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

Params parse(const std::string& line) { return parseNanoBraggFlags(split(line)).params; }

// The Usage error message for `line`, or "" if it parsed.
std::string usageMessage(const Args& args) {
    try {
        parseNanoBraggFlags(args);
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::Usage) return std::string("wrong kind: ") + e.what();
        return e.what();
    }
    return "";
}
std::string usageMessage(const std::string& line) { return usageMessage(split(line)); }

std::string joined(const Args& args) {
    std::string s;
    for (const std::string& a : args) s += (s.empty() ? "" : " ") + a;
    return s;
}

std::set<std::string> rowNames(const std::string& arg, const std::string* next = nullptr) {
    std::set<std::string> names;
    for (const FlagSpec* row : matchingFlags(arg, next)) names.insert(row->name);
    return names;
}

QString goldenDir() {
    QString dir = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
    if (dir.isEmpty()) dir = BRAGG_DEFAULT_GOLDEN_DIR;  // tests/CMakeLists.txt: <source>/../shared/golden
    return QDir(dir).absolutePath();
}

std::map<std::string, std::string> goldenArgs() {
    std::map<std::string, std::string> cases;
    QDir dir(goldenDir());
    for (const QString& name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile f(dir.filePath(name + "/args.txt"));
        if (f.open(QIODevice::ReadOnly))
            cases[name.toStdString()] = QString(f.readAll()).trimmed().toStdString();
    }
    return cases;
}

// A minimal SMV file: 512-byte header (keys given by the caller) + zero pixels.
void writeSmv(const QString& path, const std::string& keys, int width, int height) {
    std::string header =
        "{\nHEADER_BYTES=512;\nDIM=2;\nBYTE_ORDER=little_endian;\nTYPE=unsigned_short;\n"
        "SIZE1=" +
        std::to_string(width) + ";\nSIZE2=" + std::to_string(height) + ";\n" + keys + "}\n";
    header.resize(512, ' ');
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << header << std::string(std::size_t(width) * height * 2, '\0');
}

// The round-trip property of toNanoBraggFlags.
void checkRoundTrip(const Args& args) {
    const Params p = parseNanoBraggFlags(args).params;
    const Args flags = toNanoBraggFlags(p);
    const Params back = parseNanoBraggFlags(flags).params;
    QVERIFY2(back == p, qPrintable(QString::fromStdString("round trip failed for: " + joined(args) +
                                                          "\n  emitted: " + joined(flags))));
    QCOMPARE(toNanoBraggFlags(back), flags);  // stable
}

}  // namespace

class ParamsFlagsTest : public QObject {
    Q_OBJECT
private slots:
    void toStringNames();
    void goldenArgsParse();
    void tableRowsMatchOnlyListedSideEffects();
    void everyDocumentedSpellingIsRecognised();
    void twothetaAxisAlsoSetsAngleAndPivot();
    void seedSideEffects();
    void otherSubstringSideEffects();
    void pivotSideEffects();
    void conventionLastWins();
    void earlyStop();
    void missetForms();
    void missetSeedIsAlsoMisset();
    void cellReading();
    void lastOccurrenceWins();
    void valueConversions();
    void detectorAbsOrdering();
    void outputEnableDisable();
    void curvedDetectorNeedsFollower();
    void valuesAreNotSkipped();
    void unknownFlagSuggests();
    void missingValues();
    void nonNumericValues();
    void outOfRangeValues();
    void acceptedEdgeValues();
    void strayArguments();
    void headerIngestion();
    void headerMaskThenImg();
    void headerErrors();
    void helpListsEveryFlag();
    void roundTrip();
    void roundTripGolden();
    void roundTripWithHeaders();
    void defaultsEmitNothing();
};

void ParamsFlagsTest::toStringNames() {
    QCOMPARE(toString(Convention::Mosflm), "mosflm");
    QCOMPARE(toString(Convention::Denzo), "denzo");
    QCOMPARE(toString(Convention::Adxv), "adxv");
    QCOMPARE(toString(Convention::Xds), "xds");
    QCOMPARE(toString(Convention::Dials), "dials");
    QCOMPARE(toString(Convention::Custom), "custom");
    QCOMPARE(toString(Pivot::Beam), "beam");
    QCOMPARE(toString(Pivot::Sample), "sample");
    QCOMPARE(toString(CrystalShape::Square), "square");
    QCOMPARE(toString(CrystalShape::Round), "round");
    QCOMPARE(toString(CrystalShape::Gauss), "gauss");
    QCOMPARE(toString(CrystalShape::Tophat), "tophat");
}

void ParamsFlagsTest::goldenArgsParse() {
    const auto cases = goldenArgs();
    QVERIFY2(cases.size() >= 17, qPrintable("golden cases not found in " + goldenDir()));
    using Check = std::function<void(const Params&)>;
    const std::array<double, 6> cubic100{100, 100, 100, 90, 90, 90};
    const std::map<std::string, Check> checks = {
        {"p01_cubic_default_F",
         [&](const Params& p) {
             QCOMPARE(*p.cell, cubic100);
             QCOMPARE(p.defaultF, 100.0);
             QCOMPARE(*p.fpixels, 128);
             QCOMPARE(*p.spixels, 128);
             QCOMPARE(p.Na, 5);
             QCOMPARE(p.Nc, 5);
             QCOMPARE(*p.noiseSeed, 12345L);
             QCOMPARE(p.pivot, Pivot::Beam);
         }},
        {"p02_triclinic_hkl",
         [](const Params& p) {
             QCOMPARE(*p.cell, (std::array<double, 6>{70, 80, 90, 75, 85, 95}));
             QCOMPARE(p.hklFile, std::string("P1.hkl"));
             QCOMPARE(p.defaultF, 0.0);
         }},
        {"p03_mosflm_matrix",
         [](const Params& p) {
             QVERIFY(!p.cell);
             QCOMPARE(p.matFile, std::string("A.mat"));
             QCOMPARE(p.hklFile, std::string("sparse.hkl"));
             QCOMPARE(p.lambdaA, 1.2);
             QCOMPARE(p.distanceMm, 120.0);
             QCOMPARE(p.Nb, 6);
         }},
        {"p04_misset_angles",
         [](const Params& p) {
             QCOMPARE(p.missetMode, MissetMode::Angles);
             QCOMPARE(p.missetDeg, (Triple{10, 20, 30}));
         }},
        {"p05_mosaic",
         [](const Params& p) {
             QCOMPARE(p.oversample, 1);
             QCOMPARE(*p.mosaicSpreadDeg, 0.8);
             QCOMPARE(*p.mosaicDomains, 12);
             QCOMPARE(p.mosaicSeed, 777L);
             QCOMPARE(*p.noiseSeed, 4321L);  // -seed comes after -mosaic_seed
         }},
        {"p06_phi_osc",
         [](const Params& p) {
             QCOMPARE(p.phi0Deg, 5.0);
             QCOMPARE(*p.oscDeg, 2.0);
             QCOMPARE(*p.phiSteps, 4);
             QVERIFY(!p.phiStepDeg);
         }},
        {"p07_divergence",
         [](const Params& p) {
             QCOMPARE(*p.hdivRangeMrad, 2.0);
             QCOMPARE(*p.vdivRangeMrad, 1.0);
             QCOMPARE(*p.hdivSteps, 3);
             QCOMPARE(*p.vdivSteps, 5);
             QVERIFY(!p.hdivStepMrad && !p.vdivStepMrad);
         }},
        {"p08_dispersion",
         [](const Params& p) {
             QCOMPARE(p.dispersionPct, 4.0);
             QCOMPARE(*p.dispSteps, 5);
         }},
        {"p09_oversample2_nopolar_fluence",
         [](const Params& p) {
             QCOMPARE(p.oversample, 2);
             QVERIFY(p.noPolar);
             QCOMPARE(p.fluence, 1e24);
             QCOMPARE(p.distanceMm, 80.0);
         }},
        {"p10_polar_kahn",
         [](const Params& p) {
             QCOMPARE(p.kahnFactor, 0.9);
             QVERIFY(!p.noPolar);
             QCOMPARE(p.pixelMm, 0.2);
             QCOMPARE(*p.fpixels, 256);
             QCOMPARE(p.lambdaA, 1.5);
         }},
        {"p11_xbeam_ybeam_point_pixel",
         [](const Params& p) {
             QCOMPARE(p.convention, Convention::Mosflm);
             QCOMPARE(*p.xbeamMm, 5.5);
             QCOMPARE(*p.ybeamMm, 10.2);
             QVERIFY(p.pointPixel);
             QCOMPARE(p.pixelMm, 0.1);  // -point_pixel does not act as -pixel
             QCOMPARE(p.pivot, Pivot::Beam);
         }},
        {"p12_xds_orgx",
         [](const Params& p) {
             QCOMPARE(p.convention, Convention::Xds);
             QCOMPARE(*p.orgx, 60.5);
             QCOMPARE(*p.orgy, 95.25);
             QCOMPARE(p.pivot, Pivot::Sample);  // ORGX/ORGY come after -distance
         }},
        {"p13_round_xtal", [](const Params& p) { QCOMPARE(p.shape, CrystalShape::Round); }},
        {"p14_gauss_xtal", [](const Params& p) { QCOMPARE(p.shape, CrystalShape::Gauss); }},
        {"p15_water_flux",
         [](const Params& p) {
             QCOMPARE(p.waterUm, 10.0);
             QCOMPARE(p.flux, 1e12);
             QCOMPARE(p.exposureS, 2.0);
             QCOMPARE(p.beamsizeMm, 0.05);
             QCOMPARE(p.fluence, Params{}.fluence);  // the engine derives it from the flux
         }},
        {"p16_Na_Nb_Nc_nointerp",
         [](const Params& p) {
             QCOMPARE(p.lambdaA, 12398.42 / 11000);
             QCOMPARE(p.Na, 2);
             QCOMPARE(p.Nb, 5);
             QCOMPARE(p.Nc, 9);
             QCOMPARE(p.interpolation, Interpolation::Off);
         }},
        {"p17_N1_auto_interp",
         [](const Params& p) {
             QCOMPARE(p.Na, 1);
             QCOMPARE(p.interpolation, Interpolation::Auto);
             QCOMPARE(p.defaultF, 0.0);
         }},
        {"p18_nonfinite_pixels",
         [](const Params& p) {
             QCOMPARE(p.Nc, 12);
             QCOMPARE(p.convention, Convention::Dials);
             QVERIFY(p.pointPixel);
             QVERIFY(p.oversampleOmega);
             QVERIFY(!p.oversampleThick);
             QCOMPARE(p.oversample, 2);
         }},
    };
    for (const auto& [name, line] : cases) {
        ParsedFlags parsed;
        try {
            parsed = parseNanoBraggFlags(split(line));
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString::fromStdString(name + ": " + e.what())));
        }
        QVERIFY2(parsed.warnings.empty(), name.c_str());
        // Cases added to the catalogue later parse without warnings; the known ones are spot-checked.
        const auto check = checks.find(name);
        if (check == checks.end()) continue;
        check->second(parsed.params);
        if (QTest::currentTestFailed()) QFAIL(name.c_str());
    }
}

// Feeding each flag's own spellings must trigger that row and only the side effects docs/flags.md §1 lists
// (the seed side effect is spelled out as patterns of -seed, see seedSideEffects).
void ParamsFlagsTest::tableRowsMatchOnlyListedSideEffects() {
    const std::map<std::string, std::set<std::string>> sideEffects = {
        {"-twotheta_axis", {"-twotheta"}},
        {"-printout_pixel", {"-printout"}},
        {"-misset_seed", {"-misset"}},  // docs/flags.md §1
    };
    std::set<std::string> spellings;
    for (const FlagSpec& row : nanoBraggFlagTable()) {
        QVERIFY2(row.matches(row.name), row.name.c_str());
        spellings.insert(row.name);
        for (const FlagPattern& p : row.patterns)
            if (p.text[0] == '-') spellings.insert(p.text);
    }
    const std::string value = "1";
    for (const std::string& spelling : spellings) {
        std::set<std::string> expected;
        for (const FlagSpec& row : nanoBraggFlagTable()) {
            if (row.guard) continue;  // -misset random: see missetForms
            bool own = row.name == spelling;
            for (const FlagPattern& p : row.patterns) own = own || p.text == spelling;
            if (own) expected.insert(row.name);
        }
        if (auto it = sideEffects.find(spelling); it != sideEffects.end())
            expected.insert(it->second.begin(), it->second.end());
        QVERIFY2(rowNames(spelling, &value) == expected, spelling.c_str());
    }
    QCOMPARE(rowNames("-mosaic_seed", &value), (std::set<std::string>{"-mosaic_seed", "-seed"}));
    QCOMPARE(rowNames("-misset_seed", &value), (std::set<std::string>{"-misset", "-misset_seed", "-seed"}));
    QCOMPARE(rowNames("-seed", &value), (std::set<std::string>{"-seed"}));
}

void ParamsFlagsTest::everyDocumentedSpellingIsRecognised() {
    // Every spelling of the flag table (docs/flags.md §2; prefixes written out in full) with its row.
    const std::map<std::string, std::string> spellings = {
        {"-hkl", "-hkl"},
        {"-mat", "-mat"},
        {"-cell", "-cell"},
        {"-misset", "-misset"},
        {"-misset_seed", "-misset_seed"},
        {"-default_F", "-default_F"},
        {"-N", "-N"},
        {"-Na", "-Na"},
        {"-Nb", "-Nb"},
        {"-Nc", "-Nc"},
        {"-xtalsize", "-xtalsize"},
        {"-xtal_size", "-xtalsize"},
        {"-samplesize", "-xtalsize"},
        {"-sample_size", "-xtalsize"},
        {"-xtal_thick", "-xtal_thick"},
        {"-xtal_x", "-xtal_thick"},
        {"-sample_thick", "-xtal_thick"},
        {"-sample_x", "-xtal_thick"},
        {"-xtal_width", "-xtal_width"},
        {"-xtal_y", "-xtal_width"},
        {"-sample_width", "-xtal_width"},
        {"-sample_y", "-xtal_width"},
        {"-width", "-xtal_width"},
        {"-xtal_height", "-xtal_height"},
        {"-xtal_z", "-xtal_height"},
        {"-sample_height", "-xtal_height"},
        {"-sample_z", "-xtal_height"},
        {"-height", "-xtal_height"},
        {"-square_xtal", "-square_xtal"},
        {"-round_xtal", "-round_xtal"},
        {"-gauss_xtal", "-gauss_xtal"},
        {"-tophat_spots", "-tophat_spots"},
        {"-binary_spots", "-tophat_spots"},
        {"-fudge", "-fudge"},
        {"-mosaic", "-mosaic"},
        {"-mosaicity", "-mosaic"},
        {"-mosaic_spread", "-mosaic"},
        {"-mosaic_domains", "-mosaic_domains"},
        {"-mosaic_seed", "-mosaic_seed"},
        {"-phi", "-phi"},
        {"-osc", "-osc"},
        {"-phistep", "-phistep"},
        {"-phisteps", "-phisteps"},
        {"-interpolate", "-interpolate"},
        {"-nointerpolate", "-nointerpolate"},
        {"-density", "-density"},
        {"-sample_density", "-density"},
        {"-MW", "-MW"},
        {"-molecules", "-MW"},
        {"-lambda", "-lambda"},
        {"-wavelength", "-lambda"},
        {"-energy", "-energy"},
        {"-dispersion", "-dispersion"},
        {"-dispsteps", "-dispsteps"},
        {"-divergence", "-divergence"},
        {"-hdivrange", "-hdivrange"},
        {"-vdivrange", "-vdivrange"},
        {"-hdivstep", "-hdivstep"},
        {"-vdivstep", "-vdivstep"},
        {"-hdivsteps", "-hdivsteps"},
        {"-vdivsteps", "-vdivsteps"},
        {"-divsteps", "-divsteps"},
        {"-round_div", "-round_div"},
        {"-square_div", "-square_div"},
        {"-sourcefile", "-sourcefile"},
        {"-fluence", "-fluence"},
        {"-flux", "-flux"},
        {"-exposure", "-exposure"},
        {"-beamsize", "-beamsize"},
        {"-polar", "-polar"},
        {"-nopolar", "-nopolar"},
        {"-beam_vector", "-beam_vector"},
        {"-polar_vector", "-polar_vector"},
        {"-spindle_axis", "-spindle_axis"},
        {"-water", "-water"},
        {"-stol", "-stol"},
        {"-4stol", "-4stol"},
        {"-Q", "-Q"},
        {"-stolout", "-stolout"},
        {"-dmin", "-dmin"},
        {"-coherent", "-coherent"},
        {"-pixel", "-pixel"},
        {"-detsize", "-detsize"},
        {"-detsize_f", "-detsize_f"},
        {"-detsize_s", "-detsize_s"},
        {"-detpixels", "-detpixels"},
        {"-detpixels_f", "-detpixels_f"},
        {"-detpixels_x", "-detpixels_f"},
        {"-detpixels_s", "-detpixels_s"},
        {"-detpixels_y", "-detpixels_s"},
        {"-distance", "-distance"},
        {"-close_distance", "-close_distance"},
        {"-Xbeam", "-Xbeam"},
        {"-Ybeam", "-Ybeam"},
        {"-Xclose", "-Xclose"},
        {"-Yclose", "-Yclose"},
        {"-ORGX", "-ORGX"},
        {"-ORGY", "-ORGY"},
        {"-pivot", "-pivot"},
        {"-mosflm", "-mosflm"},
        {"-denzo", "-denzo"},
        {"-adxv", "-adxv"},
        {"-xds", "-xds"},
        {"-dials", "-dials"},
        {"-fdet_vector", "-fdet_vector"},
        {"-sdet_vector", "-sdet_vector"},
        {"-odet_vector", "-odet_vector"},
        {"-twotheta_axis", "-twotheta_axis"},
        {"-pix0_vector", "-pix0_vector"},
        {"-pix0_vector_mm", "-pix0_vector"},
        {"-detector_rotx", "-detector_rotx"},
        {"-detector_roty", "-detector_roty"},
        {"-detector_rotz", "-detector_rotz"},
        {"-twotheta", "-twotheta"},
        {"-curved_det", "-curved_det"},
        {"-point_pixel", "-point_pixel"},
        {"-detector_abs", "-detector_abs"},
        {"-detector_absorb", "-detector_abs"},
        {"-detector_absorption", "-detector_abs"},
        {"-detector_thick", "-detector_thick"},
        {"-detector_thicksteps", "-detector_thicksteps"},
        {"-thicksteps", "-detector_thicksteps"},
        {"-oversample", "-oversample"},
        {"-oversample_thick", "-oversample_thick"},
        {"-oversample_polar", "-oversample_polar"},
        {"-oversample_omega", "-oversample_omega"},
        {"-roi", "-roi"},
        {"-img", "-img"},
        {"-mask", "-mask"},
        {"-floatfile", "-floatfile"},
        {"-floatimage", "-floatfile"},
        {"-intfile", "-intfile"},
        {"-intimage", "-intfile"},
        {"-pgmfile", "-pgmfile"},
        {"-pgmimage", "-pgmfile"},
        {"-noisefile", "-noisefile"},
        {"-noiseimage", "-noisefile"},
        {"-nopgm", "-nopgm"},
        {"-nonoise", "-nonoise"},
        {"-scale", "-scale"},
        {"-pgmscale", "-pgmscale"},
        {"-adc", "-adc"},
        {"-seed", "-seed"},
        {"-printout", "-printout"},
        {"-printout_pixel", "-printout_pixel"},
        {"-trace_pixel", "-trace_pixel"},
        {"-dump_pixel", "-trace_pixel"},
        {"-progress", "-progress"},
        {"-noprogress", "-noprogress"},
    };
    const std::string value = "1";
    for (const auto& [spelling, row] : spellings)
        QVERIFY2(rowNames(spelling, &value).count(row), qPrintable(QString::fromStdString(spelling)));
    // Not options in the reference (docs/flags.md §1), so BraggStudio rejects them.
    for (const char* notFlag : {"-hdiv", "-vdiv", "-dispstep"}) QVERIFY(rowNames(notFlag, &value).empty());
    // Exact spellings do not match longer arguments.
    QVERIFY(rowNames("-Nx", &value).empty());
    QVERIFY(rowNames("-phix", &value).empty());
    QCOMPARE(rowNames("-detsizes", &value), std::set<std::string>{});
}

void ParamsFlagsTest::twothetaAxisAlsoSetsAngleAndPivot() {
    Params p = parse("-twotheta_axis 1 0 0");
    QCOMPARE(p.twothetaDeg, 1.0);
    QCOMPARE(p.pivot, Pivot::Sample);
    QCOMPARE(p.convention, Convention::Custom);
    QCOMPARE(*p.twothetaAxis, (Triple{1, 0, 0}));
    QCOMPARE(parse("-twotheta 5 -twotheta_axis 0 1 0").twothetaDeg, 0.0);  // earlier one overwritten
    QCOMPARE(parse("-twotheta_axis 1 0 0 -twotheta 7").twothetaDeg, 7.0);  // later one overrides
    QCOMPARE(parse("-twotheta_axis 1 0 0 -pivot beam").pivot, Pivot::Beam);
    QCOMPARE(parse("-twotheta_axis 1 0 0 -distance 90").pivot, Pivot::Beam);
    p = parse("-twotheta 20");
    QCOMPARE(p.twothetaDeg, 20.0);
    QCOMPARE(p.pivot, Pivot::Sample);
    QCOMPARE(p.convention, Convention::Mosflm);
    QVERIFY(!p.twothetaAxis);
}

void ParamsFlagsTest::seedSideEffects() {
    Params p = parse("-mosaic_seed 777 -seed 4321");
    QCOMPARE(*p.noiseSeed, 4321L);
    QCOMPARE(p.mosaicSeed, 777L);
    p = parse("-seed 1 -mosaic_seed 5");
    QCOMPARE(*p.noiseSeed, 5L);
    QCOMPARE(p.mosaicSeed, 5L);
    p = parse("-seed 1 -misset_seed 9");
    QCOMPARE(*p.noiseSeed, 9L);
    QCOMPARE(*p.missetSeed, 9L);
    QCOMPARE(p.mosaicSeed, 12345678L);
    p = parse("-misset_seed 9 -seed 3");
    QCOMPARE(*p.noiseSeed, 3L);
    QCOMPARE(*p.missetSeed, 9L);
    p = parse("-seed 3");
    QVERIFY(!p.missetSeed);
    QCOMPARE(p.mosaicSeed, 12345678L);
    QCOMPARE(*parse("-seed -42").noiseSeed, -42L);  // stored as given; the engine negates
    QVERIFY(!Params{}.noiseSeed);
}

void ParamsFlagsTest::otherSubstringSideEffects() {
    QCOMPARE(rowNames("-printout_pixel", nullptr), (std::set<std::string>{"-printout", "-printout_pixel"}));
    QCOMPARE(parse("-printout_pixel 3 4 -printout"), Params{});
    QCOMPARE(*parse("-detector_thicksteps 4").thickSteps, 4);
    QCOMPARE(*parse("-thicksteps 6").thickSteps, 6);
    QCOMPARE(*parse("-detector_absorb 50").detectorAbsUm, 50.0);
    Params p = parse("-pix0_vector_mm 1 2 3");
    QCOMPARE(p.convention, Convention::Custom);
    QVERIFY(!p.fdetVector && !p.beamVector && !p.twothetaAxis);
    p = parse("-pix0_vector 0.1 0.05 -0.05");
    QCOMPARE(p.convention, Convention::Custom);
    // -point_pixel / -detpixels do not act as -pixel; -close_distance not as -distance.
    QCOMPARE(parse("-point_pixel").pixelMm, 0.1);
    p = parse("-close_distance 80");
    QCOMPARE(p.distanceMm, 100.0);
    QCOMPARE(*p.closeDistanceMm, 80.0);
    QCOMPARE(p.pivot, Pivot::Sample);
    // The no-effect flags really have none.
    QCOMPARE(parse("-progress -noprogress -coherent -density 1.2 -sample_den 3 -MW 5e4 -molec 2 "
                   "-stolout out.stol -trace_pixel 1 2 -dump_pixel 3 4"),
             Params{});
}

void ParamsFlagsTest::pivotSideEffects() {
    const std::vector<std::pair<std::string, Pivot>> cases = {
        {"-distance 100", Pivot::Beam},
        {"-close_distance 100", Pivot::Sample},
        {"-Xbeam 5", Pivot::Beam},
        {"-Ybeam 5", Pivot::Beam},
        {"-Xclose 5", Pivot::Sample},
        {"-Yclose 5", Pivot::Sample},
        {"-ORGX 5", Pivot::Sample},
        {"-ORGY 5", Pivot::Sample},
        {"-twotheta 5", Pivot::Sample},
        {"-pivot sample", Pivot::Sample},
        {"-pivot sample -pivot beam", Pivot::Beam},
        {"-ORGX 5 -Xbeam 3", Pivot::Beam},
        {"-Xbeam 3 -ORGX 5", Pivot::Sample},
        // Named conventions also set the parsed pivot (visible only if CUSTOM follows).
        {"-xds", Pivot::Sample},
        {"-pivot sample -mosflm", Pivot::Beam},
        {"-xds -pivot beam", Pivot::Beam},
        {"-mosflm -ORGX 5", Pivot::Sample},
    };
    for (const auto& [line, pivot] : cases) QVERIFY2(parse(line).pivot == pivot, line.c_str());
    Params p = parse("-Xbeam 5.5 -Ybeam 10.2 -Xclose 1 -Yclose 2 -ORGX 3 -ORGY 4");
    QCOMPARE(*p.xbeamMm, 5.5);
    QCOMPARE(*p.ybeamMm, 10.2);
    QCOMPARE(*p.xcloseMm, 1.0);
    QCOMPARE(*p.ycloseMm, 2.0);
    QCOMPARE(*p.orgx, 3.0);
    QCOMPARE(*p.orgy, 4.0);
}

void ParamsFlagsTest::conventionLastWins() {
    QCOMPARE(parse("-xds").convention, Convention::Xds);
    QCOMPARE(parse("-dials -adxv").convention, Convention::Adxv);
    QCOMPARE(parse("-denzo").convention, Convention::Denzo);
    QCOMPARE(parse("-xds -mosflm").convention, Convention::Mosflm);
    Params p = parse("-xds -fdet_vector 1 0 0");
    QCOMPARE(p.convention, Convention::Custom);
    QCOMPARE(*p.fdetVector, (Triple{1, 0, 0}));
    p = parse("-fdet_vector 0 0 1 -xds");
    QCOMPARE(p.convention, Convention::Xds);
    QVERIFY(p.fdetVector);  // kept; the named convention replaces it later
    p = parse(
        "-sdet_vector 0 -1 0 -odet_vector 1 0 0 -beam_vector 1 0 0 -polar_vector 0 0 1 "
        "-spindle_axis 0 0 1");
    QCOMPARE(p.convention, Convention::Custom);
    QCOMPARE(*p.sdetVector, (Triple{0, -1, 0}));
    QCOMPARE(*p.odetVector, (Triple{1, 0, 0}));
    QCOMPARE(*p.beamVector, (Triple{1, 0, 0}));
    QCOMPARE(*p.polarVector, (Triple{0, 0, 1}));
    QCOMPARE(*p.spindleAxis, (Triple{0, 0, 1}));
    QCOMPARE(p.pivot, Pivot::Beam);
}

void ParamsFlagsTest::earlyStop() {
    Params p = parse("-oversample 2 -oversample_omega -oversample_thick");
    QCOMPARE(p.oversample, 2);
    QVERIFY(p.oversampleOmega);
    QVERIFY(p.oversampleThick);
    QVERIFY(!p.oversamplePolar);
    p = parse("-oversample_polar");  // needs no value, and is not -oversample (which would)
    QVERIFY(p.oversamplePolar);
    QCOMPARE(p.oversample, 0);
    QCOMPARE(rowNames("-oversample_thick", nullptr), std::set<std::string>{"-oversample_thick"});
    QCOMPARE(rowNames("-N", nullptr), std::set<std::string>{"-N"});
    QCOMPARE(rowNames("-Na", nullptr), std::set<std::string>{"-Na"});
    const std::string random = "random";
    QCOMPARE(matchingFlags("-misset", &random).size(), std::size_t(1));
    QCOMPARE(matchingFlags("-misset", &random).front()->arity, 1);
}

void ParamsFlagsTest::missetForms() {
    Params p = parse("-misset random");
    QCOMPARE(p.missetMode, MissetMode::Random);
    QCOMPARE(p.missetDeg, (Triple{0, 0, 0}));
    QCOMPARE(parse("-misset randomize").missetMode, MissetMode::Random);
    p = parse("-misset -10 20 -30");
    QCOMPARE(p.missetMode, MissetMode::Angles);
    QCOMPARE(p.missetDeg, (Triple{-10, 20, -30}));
    p = parse("-misset 1 2 3 -misset random");
    QCOMPARE(p.missetMode, MissetMode::Random);
    p = parse("-misset random -misset 1 2 3");
    QCOMPARE(p.missetMode, MissetMode::Angles);
    QCOMPARE(p.missetDeg, (Triple{1, 2, 3}));
    QCOMPARE(p.missetSeed, std::optional<long>{});
    QCOMPARE(parse("-misset_seed 4").missetMode, MissetMode::None);
}

// docs/flags.md §1: -misset is a substring match, so -misset_seed N a b is also
// read as -misset N a b (atof: a flag reads as 0) when three arguments follow it.
void ParamsFlagsTest::missetSeedIsAlsoMisset() {
    ParsedFlags parsed = parseNanoBraggFlags(split("-misset random -misset_seed 748703 -mosaic 0.2"));
    QCOMPARE(parsed.params.missetMode, MissetMode::Angles);
    QCOMPARE(parsed.params.missetDeg, (Triple{748703, 0, 0.2}));
    QCOMPARE(*parsed.params.missetSeed, 748703L);
    QCOMPARE(*parsed.params.noiseSeed, 748703L);
    QCOMPARE(*parsed.params.mosaicSpreadDeg, 0.2);  // -mosaic is a value and still a flag
    QCOMPARE(parsed.warnings.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(parsed.warnings[0]),
             QString("-misset_seed 748703 is also read as -misset 748703 0 0.2 (nanoBragg substring match): "
                     "fixed misset, replacing the earlier -misset random (from '748703 -mosaic 0.2')"));

    // The values it consumed are not stray arguments.
    parsed = parseNanoBraggFlags(split("-misset_seed 35 12 -7"));
    QCOMPARE(parsed.params.missetMode, MissetMode::Angles);
    QCOMPARE(parsed.params.missetDeg, (Triple{35, 12, -7}));
    QCOMPARE(*parsed.params.missetSeed, 35L);
    QCOMPARE(parsed.warnings.size(), std::size_t(1));
    QVERIFY(parsed.warnings[0].find("fixed misset") != std::string::npos);
    QCOMPARE(parse("-misset_seed 35 12 abc").missetDeg, (Triple{35, 12, 0}));

    // Fewer than three following arguments: no misset, and no error either.
    parsed = parseNanoBraggFlags(split("-misset_seed 4 -nonoise"));
    QCOMPARE(parsed.params.missetMode, MissetMode::None);
    QVERIFY(parsed.warnings.empty());
    parsed = parseNanoBraggFlags(split("-misset random -misset_seed 42"));
    QCOMPARE(parsed.params.missetMode, MissetMode::Random);
    QCOMPARE(*parsed.params.missetSeed, 42L);
    QVERIFY(parsed.warnings.empty());
    QCOMPARE(parse("-misset_seed 4 -seed 5").missetDeg, (Triple{4, 0, 5}));

    // Seed first, then -misset random: random with that seed (the later -misset wins, no warning).
    parsed = parseNanoBraggFlags(split("-misset_seed 42 -misset random"));
    QCOMPARE(parsed.params.missetMode, MissetMode::Random);
    QCOMPARE(*parsed.params.missetSeed, 42L);
    QVERIFY(parsed.warnings.empty());
    parsed = parseNanoBraggFlags(split("-misset_seed 42 -misset 1 2 3"));
    QCOMPARE(parsed.params.missetDeg, (Triple{1, 2, 3}));
    QVERIFY(parsed.warnings.empty());

    // "rand" after it: the random reading (which stops there: no seed).
    parsed = parseNanoBraggFlags(split("-misset_seed random"));
    QCOMPARE(parsed.params.missetMode, MissetMode::Random);
    QVERIFY(!parsed.params.missetSeed);
    QCOMPARE(parsed.warnings.size(), std::size_t(1));

    // -misset as typed stays strict.
    QCOMPARE(QString::fromStdString(usageMessage("-misset 1 2")), QString("-misset: needs 3 values"));
    QVERIFY(usageMessage("-misset 1 two 3").find("expected a number") != std::string::npos);

    for (const char* line :
         {"-misset random -misset_seed 748703 -mosaic 0.2", "-misset_seed 35 12 -7",
          "-misset_seed 4 -nonoise", "-misset_seed 4 -seed 5", "-seed 5 -misset_seed 4",
          "-misset_seed 42 -misset random", "-misset_seed 9 -seed 3 -misset random",
          "-misset_seed 42 -misset 1 2 3", "-misset_seed random", "-misset_seed 7 -curved_det 1",
          "-mosaic_seed 5 -misset_seed 9 -nonoise", "-misset_seed 9 -mosaic_seed 5 -misset random"}) {
        checkRoundTrip(split(line));
        if (QTest::currentTestFailed()) return;
    }
}

void ParamsFlagsTest::cellReading() {
    Params p = parse("-cell 100 -N 3");
    QCOMPARE(*p.cell, (std::array<double, 6>{100, 0, 0, 0, 0, 0}));
    QCOMPARE(p.Na, 3);
    QCOMPARE(p.Nc, 3);
    QCOMPARE(*parse("-cell 50 60 70 80 95 105").cell, (std::array<double, 6>{50, 60, 70, 80, 95, 105}));
    QCOMPARE(*parse("-cell 50 60").cell, (std::array<double, 6>{50, 60, 0, 0, 0, 0}));
    QCOMPARE(*parse("-cell 50 60 70 90 -default_F 3").cell, (std::array<double, 6>{50, 60, 70, 90, 0, 0}));
    QVERIFY(!Params{}.cell);
    QCOMPARE(QString::fromStdString(usageMessage("-cell -N 3")),
             QString("-cell: needs 1 to 6 values (a value may not start with '-')"));
    QCOMPARE(QString::fromStdString(usageMessage("-cell 1 2 3 4 5 6 7")), QString("unexpected argument '7'"));
    QCOMPARE(QString::fromStdString(usageMessage("-cell 100 -5")), QString("unexpected argument '-5'"));
}

void ParamsFlagsTest::lastOccurrenceWins() {
    QCOMPARE(parse("-distance 100 -distance 250").distanceMm, 250.0);
    Params p = parse("-N 3 -Na 4");
    QCOMPARE(p.Na, 4);
    QCOMPARE(p.Nb, 3);
    p = parse("-Na 4 -N 3");
    QCOMPARE(p.Na, 3);
    QCOMPARE(parse("-lambda 2 -energy 12398.42").lambdaA, 1.0);
    QCOMPARE(parse("-energy 12398.42 -lambda 2").lambdaA, 2.0);
    QCOMPARE(parse("-round_xtal -gauss_xtal -binary_spots").shape, CrystalShape::Tophat);
    QCOMPARE(parse("-tophat_spots -square_xtal").shape, CrystalShape::Square);
    QCOMPARE(parse("-interpolate -nointerpolate").interpolation, Interpolation::Off);
    QCOMPARE(parse("-nointerpolate -interpolate").interpolation, Interpolation::On);
    QVERIFY(!parse("-square_div").roundDivergence);
    QVERIFY(parse("-square_div -round_div").roundDivergence);
    QCOMPARE(parse("-detsize 50 -detsize_f 30").detsizeFMm, 30.0);
    QCOMPARE(parse("-detsize_f 30 -detsize 50").detsizeFMm, 50.0);
    p = parse("-detpixels 100 -detpixels_y 50");
    QCOMPARE(*p.fpixels, 100);
    QCOMPARE(*p.spixels, 50);
    QCOMPARE(*parse("-detpixels_x 70").fpixels, 70);
    QVERIFY(!parse("-detpixels_x 70").spixels);
    // -polar clears -nopolar as in the original: the last of the two wins.
    QVERIFY(!parse("-nopolar -polar 0.5").noPolar);
    QVERIFY(parse("-polar 0.5 -nopolar").noPolar);
}

void ParamsFlagsTest::valueConversions() {
    Params p = parse("-energy 12398.42");
    QCOMPARE(p.lambdaA, 1.0);
    p = parse("-divergence 2.5");
    QCOMPARE(*p.hdivRangeMrad, 2.5);
    QCOMPARE(*p.vdivRangeMrad, 2.5);
    p = parse("-divsteps 7 -hdivstep 0.1 -vdivstep 0.2");
    QCOMPARE(*p.hdivSteps, 7);
    QCOMPARE(*p.vdivSteps, 7);
    QCOMPARE(*p.hdivStepMrad, 0.1);
    QCOMPARE(*p.vdivStepMrad, 0.2);
    p = parse("-xtalsize 0.2 -xtal_y 0.05");
    QCOMPARE(p.xtalSizeMm, (Triple{0.2, 0.05, 0.2}));
    QCOMPARE(parse("-sample_height 0.3").xtalSizeMm, (Triple{0, 0, 0.3}));
    QCOMPARE(parse("-width 0.3").xtalSizeMm, (Triple{0, 0.3, 0}));
    QCOMPARE(parse("-detector_rotx 1 -detector_roty 2 -detector_rotz 3").detectorRotDeg, (Triple{1, 2, 3}));
    QCOMPARE(parse("-roi 10 19 0 4").roi, (std::array<int, 4>{10, 19, 0, 4}));
    // Integers are read the atoi way, with a warning when that drops something.
    ParsedFlags parsed = parseNanoBraggFlags(split("-N 2.7"));
    QCOMPARE(parsed.params.Na, 2);
    QCOMPARE(parsed.warnings.size(), std::size_t(1));
    QVERIFY(parsed.warnings[0].find("-N") != std::string::npos);
    QCOMPARE(parse("-phisteps 1e3").phiSteps, std::optional<int>(1));
    QCOMPARE(parse("-N +4").Na, 4);
    // Stol kinds
    p = parse("-4stol curve.txt");
    QCOMPARE(p.stolFile, std::string("curve.txt"));
    QCOMPARE(p.stolKind, StolKind::FourStol);
    QCOMPARE(parse("-Q q.txt").stolKind, StolKind::Q);
    QCOMPARE(parse("-Q q.txt -stol s.txt").stolKind, StolKind::Stol);
    QVERIFY(parse("-stolout out.txt").stolFile.empty());
    p = parse("-hkl a.hkl -mat b.mat -sourcefile s.txt");
    QCOMPARE(p.hklFile, std::string("a.hkl"));
    QCOMPARE(p.matFile, std::string("b.mat"));
    QCOMPARE(p.sourceFile, std::string("s.txt"));
}

void ParamsFlagsTest::detectorAbsOrdering() {
    Params p = parse("-detector_thick 100 -detector_abs inf");
    QCOMPARE(p.detectorThickUm, 0.0);
    QCOMPARE(*p.detectorAbsUm, 0.0);
    p = parse("-detector_abs inf -detector_thick 100");
    QCOMPARE(p.detectorThickUm, 100.0);
    QCOMPARE(*p.detectorAbsUm, 0.0);
    p = parse("-detector_thick 100 -detector_abs 0");
    QCOMPARE(p.detectorThickUm, 0.0);
    QCOMPARE(*p.detectorAbsUm, 0.0);
    p = parse("-detector_thick 100 -detector_abs 50");
    QCOMPARE(p.detectorThickUm, 100.0);
    QCOMPARE(*p.detectorAbsUm, 50.0);
    p = parse("-detector_thick 100 -detector_absorb infinity");
    QCOMPARE(p.detectorThickUm, 0.0);
    QCOMPARE(*parse("-detector_abs -20").detectorAbsUm, -20.0);  // negative = unset, for the engine
    QVERIFY(!parse("-detector_thick 100").detectorAbsUm);
}

void ParamsFlagsTest::outputEnableDisable() {
    Params p = parse("-nopgm -nonoise");
    QVERIFY(!p.writePgm);
    QVERIFY(!p.writeNoise);
    p = parse("-nopgm -pgmfile a.pgm -nonoise -noisefile n.img");
    QVERIFY(p.writePgm);
    QVERIFY(p.writeNoise);
    QCOMPARE(p.pgmFile, std::string("a.pgm"));
    QCOMPARE(p.noiseFile, std::string("n.img"));
    QVERIFY(parse("-nopgm -pgmscale 2").writePgm);
    QVERIFY(!parse("-pgmscale 2 -nopgm").writePgm);
    QVERIFY(!parse("-noiseimage n.img -nonoise").writeNoise);
    p = parse("-floatimage f.bin -intimage i.img -pgmimage p.pgm -scale 3 -adc 10");
    QCOMPARE(p.floatFile, std::string("f.bin"));
    QCOMPARE(p.intFile, std::string("i.img"));
    QCOMPARE(p.pgmFile, std::string("p.pgm"));
    QCOMPARE(p.intScale, 3.0);
    QCOMPARE(p.adc, 10.0);
}

void ParamsFlagsTest::curvedDetectorNeedsFollower() {
    ParsedFlags parsed = parseNanoBraggFlags(split("-curved_det -point_pixel"));
    QVERIFY(parsed.params.curvedDetector);
    QVERIFY(parsed.params.pointPixel);  // the follower is not consumed
    QVERIFY(parsed.warnings.empty());
    parsed = parseNanoBraggFlags(split("-point_pixel -curved_det"));
    QVERIFY(!parsed.params.curvedDetector);
    QCOMPARE(parsed.warnings.size(), std::size_t(1));
    // "-curved_det 1", the usual spelling: the follower is consumed (not read), whatever it is.
    for (const char* line : {"-curved_det 1", "-curved_det foo", "-curved_det -5"}) {
        parsed = parseNanoBraggFlags(split(line));
        QVERIFY2(parsed.params.curvedDetector, line);
        QVERIFY2(parsed.warnings.empty(), line);
    }
    QVERIFY(parse("-curved_det 1 -point_pixel").pointPixel);
    QCOMPARE(toNanoBraggFlags(parse("-curved_det 1")), (Args{"-curved_det", "1"}));
    // A following flag is still a flag, and a misspelt one is still an error.
    QVERIFY(usageMessage("-curved_det -distanse 100").find("unknown flag '-distanse'") == 0);
}

void ParamsFlagsTest::valuesAreNotSkipped() {
    // A value starting with '-' is still tested as a flag (the reference does the same) …
    Params p = parse("-floatfile -nopgm");
    QCOMPARE(p.floatFile, std::string("-nopgm"));
    QVERIFY(!p.writePgm);
    // … and a negative number matches nothing and is fine.
    QCOMPARE(parse("-phi -5").phi0Deg, -5.0);
    QCOMPARE(parse("-dispersion -2").dispersionPct, -2.0);
    QCOMPARE(parse("-Xbeam -1.5e1").xbeamMm, std::optional<double>(-15.0));
}

void ParamsFlagsTest::unknownFlagSuggests() {
    std::string m = usageMessage("-distanse 100");
    QCOMPARE(QString::fromStdString(m), QString("unknown flag '-distanse' (did you mean -distance?)"));
    m = usageMessage("-cell 100 -defualt_F 3");
    QVERIFY2(m.find("did you mean -default_F?") != std::string::npos, m.c_str());
    m = usageMessage("-lamda 1");
    QVERIFY2(m.find("did you mean -lambda?") != std::string::npos, m.c_str());
    m = usageMessage("-hdiv 1");
    QVERIFY2(m.rfind("unknown flag '-hdiv'", 0) == 0, m.c_str());
    m = usageMessage("-completely_unrelated_thing");
    QCOMPARE(QString::fromStdString(m), QString("unknown flag '-completely_unrelated_thing'"));
}

void ParamsFlagsTest::missingValues() {
    QCOMPARE(QString::fromStdString(usageMessage("-distance")), QString("-distance: needs 1 value"));
    QCOMPARE(QString::fromStdString(usageMessage("-misset 1 2")), QString("-misset: needs 3 values"));
    QCOMPARE(QString::fromStdString(usageMessage("-roi 1 2 3")), QString("-roi: needs 4 values"));
    QCOMPARE(QString::fromStdString(usageMessage("-twotheta_axis 1 0")),
             QString("-twotheta_axis: needs 3 values"));
    QCOMPARE(QString::fromStdString(usageMessage("-printout_pixel 5")),
             QString("-printout_pixel: needs 2 values"));
    QCOMPARE(QString::fromStdString(usageMessage("-detector_abs")), QString("-detector_abs: needs 1 value"));
    QCOMPARE(QString::fromStdString(usageMessage("-img")), QString("-img: needs 1 value"));
}

void ParamsFlagsTest::nonNumericValues() {
    QCOMPARE(QString::fromStdString(usageMessage("-distance abc")),
             QString("-distance: expected a number, got 'abc'"));
    QCOMPARE(QString::fromStdString(usageMessage("-N 5x")), QString("-N: expected a number, got '5x'"));
    for (const char* line : {"-lambda inf", "-phi nan", "-misset 1 two 3", "-cell 100 a", "-roi 1 2 3 x",
                             "-seed s", "-fluence 1e", "-detector_abs junk", "-distance -N", "-density lots",
                             "-printout_pixel a b", "-fdet_vector 1 0 inf"}) {
        const std::string m = usageMessage(line);
        QVERIFY2(m.find("expected a number") != std::string::npos, line);
        QVERIFY2(m.find('\n') == std::string::npos, line);
    }
    QCOMPARE(QString::fromStdString(usageMessage("-pivot middle")),
             QString("-pivot: expected 'beam' or 'sample', got 'middle'"));
    QVERIFY(usageMessage(Args{"-hkl", ""}).find("expected a file name") != std::string::npos);
}

void ParamsFlagsTest::outOfRangeValues() {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"-pixel 0", "-pixel: must be > 0, got '0'"},
        {"-lambda -1", "-lambda: must be > 0, got '-1'"},
        {"-wavelength 0", "-wavelength: must be > 0, got '0'"},
        {"-energy 0", "-energy: must be > 0, got '0'"},
        {"-distance 0", "-distance: must be > 0, got '0'"},
        {"-close_distance -5", "-close_distance: must be > 0, got '-5'"},
        {"-detsize 0", "-detsize: must be > 0, got '0'"},
        {"-detpixels 0", "-detpixels: must be between 1 and 100000, got '0'"},
        {"-detpixels_f 200000", "-detpixels_f: must be between 1 and 100000, got '200000'"},
        {"-detpixels_y -3", "-detpixels_y: must be between 1 and 100000, got '-3'"},
        {"-oversample 101", "-oversample: must be at most 100 (0 or less = automatic), got '101'"},
        {"-N -1", "-N: must be between 0 and 100000, got '-1'"},
        {"-Na 100001", "-Na: must be between 0 and 100000, got '100001'"},
        {"-mosaic_domains 2000000", "-mosaic_domains: must be between 1 and 1000000, got '2000000'"},
        {"-phisteps 100001", "-phisteps: must be at most 100000, got '100001'"},
        {"-divsteps 100001", "-divsteps: must be at most 100000, got '100001'"},
        {"-dispsteps 100001", "-dispsteps: must be at most 100000, got '100001'"},
        {"-thicksteps 100001", "-thicksteps: must be at most 100000, got '100001'"},
        {"-seed 99999999999", "-seed: must be a 32-bit integer, got '99999999999'"},
    };
    for (const auto& [line, message] : cases)
        QCOMPARE(QString::fromStdString(usageMessage(line)), QString::fromStdString(message));
}

void ParamsFlagsTest::acceptedEdgeValues() {
    QCOMPARE(parse("-N 0").Na, 0);  // the engine treats N ≤ 1 as 1
    QCOMPARE(parse("-roi -1 10 -1 5").roi, (std::array<int, 4>{-1, 10, -1, 5}));
    QCOMPARE(parse("-oversample 0").oversample, 0);
    QCOMPARE(parse("-oversample -1").oversample, -1);
    QCOMPARE(parse("-oversample 100").oversample, 100);
    QCOMPARE(parse("-detpixels 100000").fpixels, std::optional<int>(100000));
    QCOMPARE(parse("-phisteps -1").phiSteps, std::optional<int>(-1));
    QCOMPARE(parse("-beamsize -1").beamsizeMm, -1.0);
    QCOMPARE(parse("-mosaic 0").mosaicSpreadDeg, std::optional<double>(0.0));
}

void ParamsFlagsTest::strayArguments() {
    QCOMPARE(QString::fromStdString(usageMessage("foo")), QString("unexpected argument 'foo'"));
    QCOMPARE(QString::fromStdString(usageMessage("-distance 100 120")), QString("unexpected argument '120'"));
    QCOMPARE(QString::fromStdString(usageMessage("-nopgm x.pgm")), QString("unexpected argument 'x.pgm'"));
    QCOMPARE(QString::fromStdString(usageMessage("-5")), QString("unexpected argument '-5'"));
    QCOMPARE(QString::fromStdString(usageMessage(Args{"-N", "2", ""})), QString("unexpected argument ''"));
    QVERIFY(usageMessage("").empty());
    QCOMPARE(parse(""), Params{});
}

void ParamsFlagsTest::headerIngestion() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString img = tmp.filePath("in.img");
    writeSmv(img,
             "PIXEL_SIZE=0.2;\nCLOSE_DISTANCE=90;\nDISTANCE=150;\nWAVELENGTH=1.3;\nBEAM_CENTER_X=3.5;\n"
             "BEAM_CENTER_Y=4.5;\nXDS_ORGX=11;\nXDS_ORGY=12;\nPHI=7;\nOSC_RANGE=0.5;\nTWOTHETA=20;\n",
             64, 32);
    Params p = parse("-img " + img.toStdString());
    QCOMPARE(p.imgFile, img.toStdString());
    QCOMPARE(*p.fpixels, 64);
    QCOMPARE(*p.spixels, 32);
    QCOMPARE(p.pixelMm, 0.2);
    QCOMPARE(p.detsizeFMm, 0.2 * 64);
    QCOMPARE(p.detsizeSMm, 0.2 * 32);
    QCOMPARE(p.distanceMm, 150.0);
    QCOMPARE(*p.closeDistanceMm, 90.0);
    QCOMPARE(p.lambdaA, 1.3);
    QCOMPARE(*p.xbeamMm, 3.5);
    QCOMPARE(*p.ybeamMm, 4.5);
    QCOMPARE(*p.orgx, 11.0);
    QCOMPARE(*p.orgy, 12.0);
    QCOMPARE(p.phi0Deg, 7.0);
    QCOMPARE(*p.oscDeg, 0.5);
    QCOMPARE(p.twothetaDeg, 0.0);                // TWOTHETA is read into nothing
    QCOMPARE(p.pivot, Pivot::Beam);              // headers never change the pivot …
    QCOMPARE(p.convention, Convention::Mosflm);  // … or the convention
    // Explicit options override the header whatever their position.
    p = parse("-distance 120 -img " + img.toStdString() + " -pixel 0.1 -phi 1");
    QCOMPARE(p.distanceMm, 120.0);
    QCOMPARE(p.pixelMm, 0.1);
    QCOMPARE(p.detsizeFMm, 0.2 * 64);  // computed from the header pixel size at ingestion
    QCOMPARE(p.phi0Deg, 1.0);
    QCOMPARE(p.lambdaA, 1.3);
    // Last -img wins; a mask header gives Ybeam = detsize_s - value.
    const QString mask = tmp.filePath("mask.img");
    writeSmv(mask, "BEAM_CENTER_Y=1.0;\nWAVELENGTH=2;\n", 100, 50);  // default pixel 0.1 mm
    p = parse("-mask " + mask.toStdString());
    QCOMPARE(p.maskFile, mask.toStdString());
    QCOMPARE(*p.fpixels, 100);
    QCOMPARE(*p.spixels, 50);
    QCOMPARE(*p.ybeamMm, 0.1 * 50 - 1.0);
    QCOMPARE(p.lambdaA, 2.0);
    QVERIFY(!p.xbeamMm);  // an absent key leaves the parameter untouched
    QCOMPARE(p.distanceMm, 100.0);
    p = parse("-img " + mask.toStdString() + " -img " + img.toStdString());
    QCOMPARE(p.imgFile, img.toStdString());
    QCOMPARE(*p.fpixels, 64);
}

void ParamsFlagsTest::headerMaskThenImg() {
    QTemporaryDir tmp;
    const QString img = tmp.filePath("in.img");
    const QString mask = tmp.filePath("mask.img");
    writeSmv(img, "WAVELENGTH=1.5;\n", 64, 64);
    writeSmv(mask, "WAVELENGTH=2.5;\nPIXEL_SIZE=0.05;\nPHI=3;\n", 32, 32);
    // Whatever the order on the command line, the mask is read first, then the img.
    for (const std::string& line : {"-img " + img.toStdString() + " -mask " + mask.toStdString(),
                                    "-mask " + mask.toStdString() + " -img " + img.toStdString()}) {
        Params p = parse(line);
        QCOMPARE(p.lambdaA, 1.5);  // img overrides the mask
        QCOMPARE(p.phi0Deg, 3.0);  // only the mask has PHI
        QCOMPARE(*p.fpixels, 64);
        QCOMPARE(p.pixelMm, 0.05);  // img has no PIXEL_SIZE: the mask's stands
        QCOMPARE(p.detsizeFMm, 0.05 * 64);
    }
}

void ParamsFlagsTest::headerErrors() {
    QTemporaryDir tmp;
    try {
        parseNanoBraggFlags({"-img", tmp.filePath("missing.img").toStdString()});
        QFAIL("expected an error");
    } catch (const Error& e) {
        QCOMPARE(e.kind(), ErrorKind::Input);
        QVERIFY(std::string(e.what()).find("missing.img") != std::string::npos);
    }
}

void ParamsFlagsTest::helpListsEveryFlag() {
    const std::string help = nanoBraggFlagsHelp();
    for (const char* group : nanoBraggFlagGroups())
        QVERIFY2(help.find(std::string("\n") + group + ":\n") != std::string::npos, group);
    std::size_t flagLines = 0;
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);)
        if (line.rfind("  -", 0) == 0) ++flagLines;
    QCOMPARE(flagLines, nanoBraggFlagTable().size());
    for (const FlagSpec& row : nanoBraggFlagTable()) {
        QVERIFY2(help.find("  " + row.name + " ") != std::string::npos, row.name.c_str());
        QVERIFY(*row.group);
    }
    QVERIFY(help.find("-xtal_size") != std::string::npos);  // aliases are listed
    QVERIFY(help.find("-misset random") != std::string::npos);
    QVERIFY(help.find("[exact]") != std::string::npos);
}

void ParamsFlagsTest::roundTrip() {
    const std::vector<std::string> lines = {
        "-cell 100 -N 3",
        "-cell 50 60 70 80 95 105 -misset -10 20 -30 -hkl P1.hkl -default_F 0",
        "-mat A.mat -misset random -misset_seed 17 -mosaic 0.3 -mosaic_domains 25 -mosaic_seed 99",
        "-cell 100 -misset 1 2 3 -misset random",
        "-Na 2 -Nb 5 -Nc 9 -xtalsize 0.2 -xtal_y 0.05 -tophat_spots -fudge 2",
        "-phi -5 -osc 2 -phistep 0.5 -phisteps 4 -interpolate",
        "-energy 11000 -dispersion -2 -dispsteps 5 -divergence 2 -hdivstep 0.1 -vdivsteps 3 -square_div",
        "-fluence 1e24 -flux 1e12 -exposure 2 -beamsize 0.05 -polar 0.9 -nopolar -water 10 -dmin 2",
        "-nopolar -polar 0.5 -Q q.txt -sourcefile src.txt",
        "-twotheta_axis 1 0 0",
        "-twotheta 5 -twotheta_axis 0.5 1 0 -pivot beam",
        "-twotheta_axis 0 1 0 -twotheta 12 -xds",
        "-fdet_vector 0 0 1 -sdet_vector 0 -1 0 -odet_vector 1 0 0 -beam_vector 1 0 0 "
        "-polar_vector 0 0 1 -spindle_axis 0 0 1",
        "-pix0_vector_mm 1 2 3",
        "-fdet_vector 1 0 0 -dials",
        "-adxv -Xbeam 5 -Ybeam 6 -Xclose 1 -Yclose 2 -ORGX 3 -ORGY 4 -distance 200",
        "-pivot sample -close_distance 80 -distance 90 -detector_rotx 1 -detector_rotz -2",
        "-pixel 0.172 -detsize 40 -detsize_s 30 -detpixels 256 -detpixels_y 200",
        "-detsize_f 20 -detpixels_x 99 -curved_det -point_pixel",
        "-curved_det -nopgm",
        "-detector_thick 100 -detector_abs inf -thicksteps 3",
        "-detector_abs inf -detector_thick 100",
        "-detector_abs -20 -oversample 3 -oversample_thick -oversample_polar -oversample_omega",
        "-oversample -1 -roi -1 10 0 -5",
        "-floatfile f.bin -intfile i.img -pgmfile p.pgm -noisefile n.img -scale 2 -pgmscale 3 -adc 0",
        "-nopgm -nonoise -pgmscale 2",
        "-seed 1 -mosaic_seed 5",
        "-mosaic_seed 12345678",
        "-seed 5 -misset_seed 12",
        "-N 2.7 -lambda 0.9793 -mosaic 0",
        "-stol s.txt -4stol f.txt -cell 0",
        "-progress -printout_pixel 1 2 -trace_pixel 3 4 -density 1 -MW 3 -coherent",
    };
    for (const std::string& line : lines) {
        checkRoundTrip(split(line));
        if (QTest::currentTestFailed()) return;
    }
}

void ParamsFlagsTest::roundTripGolden() {
    const auto cases = goldenArgs();
    QVERIFY(!cases.empty());
    for (const auto& [name, line] : cases) {
        checkRoundTrip(split(line));
        if (QTest::currentTestFailed()) QFAIL(name.c_str());
    }
    // A golden line comes back as itself, modulo order.
    Args flags = toNanoBraggFlags(parse(cases.at("p12_xds_orgx")));
    QVERIFY(std::find(flags.begin(), flags.end(), "-xds") != flags.end());
    QVERIFY(std::find(flags.begin(), flags.end(), "-ORGX") != flags.end());
}

void ParamsFlagsTest::roundTripWithHeaders() {
    QTemporaryDir tmp;
    const QString img = tmp.filePath("in.img");
    const QString mask = tmp.filePath("mask.img");
    writeSmv(img, "PIXEL_SIZE=0.2;\nCLOSE_DISTANCE=90;\nDISTANCE=150;\nWAVELENGTH=1.3;\nPHI=7;\n", 64, 32);
    writeSmv(mask, "BEAM_CENTER_Y=1.0;\nBEAM_CENTER_X=2;\nXDS_ORGX=5;\n", 64, 32);
    const std::string i = img.toStdString(), m = mask.toStdString();
    for (const std::string& line : {"-img " + i, "-mask " + m, "-mask " + m + " -img " + i,
                                    "-img " + i + " -lambda 1 -pixel 0.1 -phi 0 -distance 100 -detsize 102.4",
                                    "-mask " + m + " -Ybeam 3 -xds -detpixels 10"}) {
        checkRoundTrip(split(line));
        if (QTest::currentTestFailed()) return;
    }
}

void ParamsFlagsTest::defaultsEmitNothing() {
    QVERIFY(toNanoBraggFlags(Params{}).empty());
    Args flags = toNanoBraggFlags(parse("-cell 100 100 100 90 90 90 -default_F 100 -distance 100"));
    // -distance 100 equals the default and leaves the pivot at BEAM, so nothing records it.
    QCOMPARE(QString::fromStdString(joined(flags)), QString("-cell 100 100 100 90 90 90 -default_F 100"));
}

QTEST_MAIN(ParamsFlagsTest)
#include "params_flags_test.moc"
