// The derived set-up (setup/): nanoBragg's printout parsed into named quantities, the same list
// from our Experiment, and the comparison with a tolerance per quantity. The printout below is the
// original program's, for the flags in kFlags; our derivation must report the same set-up.
#include <QtTest>

#include "params/Derive.h"
#include "params/FlagParser.h"
#include "setup/SetupOf.h"

using namespace bragg;

namespace {

const std::vector<std::string> kFlags = {"-cell", "100",
                                         "100",   "100",
                                         "90",    "90",
                                         "90",    "-default_F",
                                         "100",   "-lambda",
                                         "1",     "-distance",
                                         "100",   "-detpixels",
                                         "160",   "-N",
                                         "8",     "-oversample",
                                         "1",     "-mosaic",
                                         "0.8",   "-mosaic_domains",
                                         "12",    "-mosaic_seed",
                                         "777",   "-phisteps",
                                         "3",     "-osc",
                                         "0.3",   "-dispersion",
                                         "1",     "-dispsteps",
                                         "3",     "-roi",
                                         "10",    "100",
                                         "20",    "120"};

// What the original prints for kFlags (stdout and stderr, "% done" lines removed).
const char* kPrintout =
    "nanoBragg nanocrystal diffraction simulator - James Holton and Ken Frankel 5-17-17\n"
    "mosflm convention selected.\n"
    "pivoting detector around direct beam spot\n"
    "XDS incident beam: 0 0 1\n"
    "auto-selected no interpolation\n"
    "Unit Cell: 100 100 100 90 90 90\n"
    "Recp Cell: 0.01 0.01 0.01 90 90 90\n"
    "volume = 1e+06 A^3\n"
    "real-space cell vectors (Angstrom):\n"
    "     a           b           c         \n"
    "X: 100.00000000 -0.00000000  0.00000000\n"
    "Y:  0.00000000 100.00000000 -0.00000000\n"
    "Z:  0.00000000  0.00000000 100.00000000\n"
    "reciprocal-space cell vectors (Angstrom^-1):\n"
    "     a_star      b_star      c_star    \n"
    "X:  0.01000000 -0.00000000 -0.00000000\n"
    "Y:  0.00000000  0.01000000 -0.00000000\n"
    "Z:  0.00000000  0.00000000  0.01000000\n"
    "crystal is 0.08 x 0.08 x 0.08 microns\n"
    "WARNING: maximum dimension of sample is 800 A\n"
    "         but reciprocal pixel size is 1000 A\n"
    "         intensity may vary significantly across a pixel!\n"
    "         recommend -oversample 3 to work around this\n"
    "approximate MW = 722657\n"
    "thick0 = 0 um\n"
    "phi0 = 0\n"
    "phi1 = 0.1\n"
    "phi2 = 0.2\n"
    "divergence deviation: 0 0\n"
    "lambda0 = 9.95e-11\n"
    "lambda1 = 1e-10\n"
    "lambda2 = 1.005e-10\n"
    "  created a total of 3 sources:\n"
    "-10 -0 0   0.333333 9.95e-11\n"
    "-10 -0 0   0.333333 1e-10\n"
    "-10 -0 0   0.333333 1.005e-10\n"
    "  created a total of 12 mosaic domains\n"
    "  0 initialized hkls (all others =100)\n"
    "  parallelpiped xtal: 8x8x8 cells\n"
    "  wave=1e-10 meters +/- 1% in 3 steps\n"
    "  Kahn polarization factor: 0.000000\n"
    "  incident fluence: 1.25932e+29 photons/m^2\n"
    "  distance=0.1 detsize=0.016x0.016  pixel=0.0001 meters (160x160 pixels)\n"
    "  sensor is 0 m thick in 1 layers with mu= -1\n"
    "  Xbeam=0.00805 Ybeam=0.00805\n"
    "  Fbeam=0.0081 Sbeam=0.0081\n"
    "  Xclose=0.008 Yclose=0.008\n"
    "  Fclose=0.0081 Sclose=0.0081\n"
    "  DIRECTION_OF_DETECTOR_X-AXIS= 0 0 1\n"
    "  DIRECTION_OF_DETECTOR_Y-AXIS= 0 -1 0\n"
    "  DIRECTION_OF_DETECTOR_Z-AXIS= 1 0 0\n"
    "  INCIDENT_BEAM_DIRECTION= 1 0 0\n"
    "  spindle ROTATION_AXIS= 0 0 1\n"
    "  POLARIZATION_PLANE_NORMAL= 0 -1 0\n"
    "  dials origin= -8.1 8.1 -100\n"
    "  roi: 10 < x < 100 && 20 < y < 120\n"
    "  hdivrange=0 hdivstep=0  radians\n"
    "  vdivrange=0 vdivstep=0  radians\n"
    "  1 divergence steps\n"
    "  3 sources\n"
    "  12 mosaic domains over mosaic spread of 0.8 degrees\n"
    "  3 phi steps from 0 to 0.3 degrees\n"
    "  1x1 pixel oversample steps\n"
    "writing floatimage.bin as 25600 4-byte floats\n";

std::vector<double> numbers(const setup::Setup& s, const char* name) {
    const setup::Value* v = s.find(name);
    return v ? v->numbers : std::vector<double>{};
}

}  // namespace

class SetupTest : public QObject {
    Q_OBJECT
private slots:
    void printoutIsParsed() {
        const setup::Setup s = setup::parsePrintout(kPrintout);
        QCOMPARE(s.source, std::string("printout"));
        QCOMPARE(s.find("convention")->text, std::string("mosflm"));
        QCOMPARE(s.find("pivot")->text, std::string("beam"));
        QCOMPARE(s.find("interpolation")->text, std::string("off"));
        QCOMPARE(s.find("crystal_shape")->text, std::string("square"));
        QCOMPARE(s.find("curved_detector")->text,
                 std::string("no"));  // its line is absent, the block complete
        QCOMPARE(numbers(s, "mosaic_domains"), std::vector<double>{12});
        QCOMPARE(numbers(s, "mosaic_spread_deg"), std::vector<double>{0.8});
        QCOMPARE(numbers(s, "phi_steps"), std::vector<double>{3});
        QCOMPARE(numbers(s, "osc_deg"), std::vector<double>{0.3});
        QCOMPARE(numbers(s, "sources"), std::vector<double>{3});
        QCOMPARE(numbers(s, "source_wavelengths_m"), (std::vector<double>{9.95e-11, 1e-10, 1.005e-10}));
        const std::vector<double> directions = numbers(s, "source_directions");  // from the source positions
        QCOMPARE(directions.size(), std::size_t(9));
        QCOMPARE(directions[0], 1.0);
        QCOMPARE(numbers(s, "detector_pixels"), (std::vector<double>{160, 160}));
        QCOMPARE(numbers(s, "fbeam_sbeam_m"), (std::vector<double>{0.0081, 0.0081}));
        QCOMPARE(numbers(s, "beam_centre_m"), (std::vector<double>{0.00805, 0.00805}));
        QCOMPARE(numbers(s, "fdet"), (std::vector<double>{0, 0, 1}));
        QCOMPARE(numbers(s, "sdet"), (std::vector<double>{0, -1, 0}));
        QCOMPARE(numbers(s, "dials_origin_mm"), (std::vector<double>{-8.1, 8.1, -100}));
        QCOMPARE(numbers(s, "roi_pixels"), (std::vector<double>{10, 100, 20, 120}));
        QCOMPARE(numbers(s, "a_A"), (std::vector<double>{100, 0, 0}));  // a column of the printed matrix
        QCOMPARE(numbers(s, "c_star_per_A"), (std::vector<double>{0, 0, 0.01}));
        QCOMPARE(numbers(s, "cells"), (std::vector<double>{8, 8, 8}));
        QCOMPARE(numbers(s, "crystal_size_um"), (std::vector<double>{0.08, 0.08, 0.08}));
        QCOMPARE(numbers(s, "fluence_per_m2"), std::vector<double>{1.25932e+29});
        QCOMPARE(numbers(s, "oversample"), std::vector<double>{1});
        // Everything is printed on every run but µ (only with a thick sensor) and interpolation (only when
        // auto).
        QCOMPARE(s.values.size(), setup::quantities().size() - 1);
        QVERIFY(setup::parsePrintout("nothing to see\nat all\n").empty());
    }

    void ourDerivationReportsTheOriginalsSetup() {
        const Experiment e = deriveExperiment(parseNanoBraggFlags(kFlags).params);
        const setup::Setup ours = setup::setupOf(e);
        QCOMPARE(ours.values.size(), setup::quantities().size() - 1);  // every quantity but µ (no thickness)
        const setup::SetupComparison c = setup::compareSetupsOf(setup::parsePrintout(kPrintout), ours);
        QCOMPARE(c.compared, setup::quantities().size() - 1);
        QVERIFY2(c.differences.empty(), setup::differencesText(c.differences, 99).c_str());
        QVERIFY(c.line().empty());
    }

    void differencesAreNamedWithinTolerance() {
        setup::Setup a, b;
        a.setNumbers("mosaic_domains", {12});
        b.setNumbers("mosaic_domains", {1});
        a.setNumbers("fbeam_sbeam_m", {0.0081, 0.0081});
        b.setNumbers("fbeam_sbeam_m", {0.00810001, 0.0081});  // printed rounding: the same
        a.setNumbers("fdet", {0, 0, 1});
        b.setNumbers("fdet", {-1e-17, 0, 1});  // a zero component against the vector's length
        a.setText("convention", "mosflm");
        b.setText("convention", "mosflm");
        a.setNumbers("phi_steps", {3});  // reported by one side only: not compared
        const setup::SetupComparison same = setup::compareSetupsOf(a, b);
        QCOMPARE(same.compared, std::size_t(4));
        QCOMPARE(same.differences.size(), std::size_t(1));
        QCOMPARE(same.line(), std::string("set-up differs: mosaic domains 12 vs 1"));

        b.setNumbers("fbeam_sbeam_m", {0.00818, 0.0081});
        b.setText("convention", "xds");
        const std::vector<setup::Difference> d = setup::compareSetups(a, b);
        QCOMPARE(d.size(), std::size_t(3));
        QCOMPARE(d[0].name, std::string("convention"));  // list order: the most telling first
        QCOMPARE(d[2].label, std::string("Fbeam/Sbeam"));
        QCOMPARE(d[2].reference, std::string("0.0081 0.0081 m"));
        QCOMPARE(d[2].candidate, std::string("0.00818 0.0081 m"));
        QCOMPARE(setup::differencesText(d, 2),
                 std::string("convention mosflm vs xds; mosaic domains 12 vs 1; and 1 more"));
    }
};

QTEST_GUILESS_MAIN(SetupTest)
#include "setup_test.moc"
