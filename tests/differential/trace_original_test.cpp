// `bragg trace` with the original program on one side: the values it prints for the pixel
// (-printout_pixel) line up with the reference engine's trace and agree — position, stol, h k l,
// h0 k0 l0, F_latt, F_cell, I, the end factors and the value — across oversampling, per-evaluation
// factors, thickness layers, φ steps and mosaic domains. Skips without the original program.
#include <QtTest>

#include "OriginalProgram.h"
#include "TestSupport.h"

class TraceOriginalTest : public QObject {
    Q_OBJECT
private slots:
    void printoutAlignsAndAgrees_data() {
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("plain") << QStringList{};
        QTest::newRow("oversample, mosaic")
            << QStringList{"-oversample", "2", "-mosaic", "0.3", "-mosaic_domains", "3"};
        QTest::newRow("per-evaluation factors")
            << QStringList{"-oversample", "2", "-oversample_omega", "-oversample_polar"};
        QTest::newRow("layers, phi") << QStringList{
            "-detector_thick", "50", "-detector_thicksteps", "3", "-phi", "0", "-osc", "1", "-phisteps", "2"};
    }
    void printoutAlignsAndAgrees() {
        QFETCH(QStringList, extra);
        if (!QFile::exists(testsupport::originalProgram()))
            QSKIP(qPrintable("the original nanoBragg program is absent (" + testsupport::originalProgram() +
                             "; set BRAGG_ORIGINAL_BIN)"));
        QTemporaryDir dir;
        const auto r = testsupport::runBragg(
            QStringList{"trace", "--pixel", "12", "10", "--reference-bin", testsupport::originalProgram(),
                        "--engines", "reference", "--"} +
                QStringList{"-cell", "100", "100", "100", "90", "90", "90", "-default_F", "100", "-detpixels",
                            "32", "-N", "3"} +
                extra,
            dir.path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains("traces agree: 17 quantities compared"), qPrintable(r.out.right(600)));
    }
};

QTEST_GUILESS_MAIN(TraceOriginalTest)
#include "trace_original_test.moc"
