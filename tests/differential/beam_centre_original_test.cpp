// The direct-beam pixel against the original program (issue: a rotated detector's beam-centre
// pixel must get the original's h, k, l bit for bit): every convention × detector rotation ×
// two-theta, round crystal (whose sinc3 turns any rounding noise at h = k = l = 0 into 0). The
// reference engine must be within 1 ulp of the original at every pixel; the optimized engine
// must agree with the reference (Pearson ≥ 0.9999, sum ratio within 1e-3, the direct-beam pixel
// within 1e-6 relative). Skips when the original program is absent.
#include <QTemporaryDir>
#include <QtTest>

#include "OriginalProgram.h"
#include "compare/Metrics.h"
#include "params/Derive.h"
#include "params/FlagParser.h"
#include "render/Engine.h"

using namespace bragg;

class BeamCentreOriginalTest : public QObject {
    Q_OBJECT
private slots:
    void directBeamPixel_data() {
        QTest::addColumn<QStringList>("flags");
        const QStringList conventions{"-mosflm", "-denzo", "-adxv", "-xds", "-dials"};
        const std::vector<QStringList> rotations{
            {},
            {"-detector_rotz", "5.675"},
            {"-detector_rotx", "3.5"},
            {"-detector_roty", "-4.25"},
            {"-detector_rotx", "2", "-detector_roty", "-3", "-detector_rotz", "7"}};
        for (const QString& convention : conventions)
            for (std::size_t r = 0; r < rotations.size(); ++r)
                for (const char* twotheta : {"0", "12"}) {
                    QStringList flags{"-cell", "116.607",     "116.607",    "116.607", "90",
                                      "90",    "90",          "-default_F", "100",     "-detpixels",
                                      "48",    "-round_xtal", convention};
                    flags << rotations[r];
                    if (QString(twotheta) != "0") flags << "-twotheta" << twotheta;
                    QTest::newRow(qPrintable(flags.mid(12).join(' '))) << flags;
                }
    }

    void directBeamPixel() {
        if (!QFile::exists(testsupport::originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + testsupport::originalProgram() +
                             "; set BRAGG_ORIGINAL_BIN)"));
        QFETCH(QStringList, flags);
        std::vector<std::string> args;
        for (const QString& f : flags) args.push_back(f.toStdString());
        QTemporaryDir scratch;
        const testsupport::OriginalRun run = testsupport::runOriginal(args, scratch.path());
        QVERIFY2(run.ok, qPrintable(run.error));
        const Experiment e = deriveExperiment(parseNanoBraggFlags(args).params);
        const DetectorModel& d = e.detector;
        const Image original = testsupport::readOriginalImage(scratch.path(), d.fpixels, d.spixels);
        const Image reference = makeEngine("reference")->render(e);
        const Image optimized = makeEngine("optimized")->render(e);

        const testsupport::UlpReport ulp = testsupport::pixelsBeyondOneUlp(original, reference);
        QVERIFY2(ulp.apart == 0,
                 qPrintable(QString("reference: %1 pixels more than 1 ulp from the original, first at "
                                    "fast %2 slow %3: %4 vs %5")
                                .arg(ulp.apart)
                                .arg(ulp.first % std::size_t(d.fpixels))
                                .arg(ulp.first / std::size_t(d.fpixels))
                                .arg(double(original.pixels[ulp.first]), 0, 'g', 9)
                                .arg(double(reference.pixels[ulp.first]), 0, 'g', 9)));
        const BasicMetrics m = basicMetrics(reference, optimized);
        QVERIFY2(m.pearson >= 0.9999 && std::fabs(m.sumRatio - 1) <= 1e-3,
                 qPrintable(QString("optimized: pearson %1 sum ratio %2").arg(m.pearson).arg(m.sumRatio)));
        // The direct beam, where it falls on the detector.
        const int f = int(std::floor(d.fbeam / d.pixelSize)), s = int(std::floor(d.sbeam / d.pixelSize));
        if (f >= 0 && f < d.fpixels && s >= 0 && s < d.spixels) {
            const double want = reference.at(f, s);
            QVERIFY2(std::fabs(optimized.at(f, s) - want) <= 1e-6 * std::fabs(want),
                     qPrintable(QString("optimized at the direct beam (%1, %2): %3 vs %4")
                                    .arg(f)
                                    .arg(s)
                                    .arg(optimized.at(f, s))
                                    .arg(want)));
            qInfo("direct beam (%d, %d): original %.9g, reference %.9g, optimized %.9g", f, s,
                  double(original.at(f, s)), want, double(optimized.at(f, s)));
        }
    }
};

QTEST_GUILESS_MAIN(BeamCentreOriginalTest)
#include "beam_centre_original_test.moc"
