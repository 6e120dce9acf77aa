// MOSFLM orientation matrix files (-mat).
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/MatrixFile.h"

using namespace bragg;
using namespace iotest;

namespace {}  // namespace

class IoMatrixTest : public QObject {
    Q_OBJECT
private slots:
    void firstNineNumbersRowMajor() {
        QTemporaryDir dir;
        // A MOSFLM file carries more lines after the matrix; they are ignored.
        auto path = writeFile(dir, "A.mat", " 1 2 3\n4\t5 6\n7 8 9e-1\n  0.0 0.0 0.0\n  junk text\n");
        const std::array<double, 9> m = io::readMosflmMatrix(path);
        QCOMPARE(m[0], 1.0);  // a*_x
        QCOMPARE(m[1], 2.0);  // b*_x
        QCOMPARE(m[3], 4.0);  // a*_y
        QCOMPARE(m[8], 0.9);  // c*_z
    }

    void shortOrJunkIsAnError() {
        QTemporaryDir dir;
        auto shortFile = writeFile(dir, "s.mat", "1 2 3\n4 5 6\n7 8\n");
        QCOMPARE(inputErrorOf([&] { io::readMosflmMatrix(shortFile); }),
                 QString::fromStdString(shortFile) + ": expected 9 numbers (3x3 matrix), found 8");
        auto junk = writeFile(dir, "j.mat", "1 2 3\n4 x5 6\n7 8 9\n");
        QCOMPARE(inputErrorOf([&] { io::readMosflmMatrix(junk); }),
                 QString::fromStdString(junk) + ": matrix element 5 'x5' is not a number");
        auto missing = dir.filePath("none.mat").toStdString();
        QVERIFY(inputErrorOf([&] { io::readMosflmMatrix(missing); }).contains(": cannot open: "));
    }

    void goldenMatrix() {
        const QString golden = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
        if (golden.isEmpty()) QSKIP("BRAGG_GOLDEN_DIR not set");
        const auto m = io::readMosflmMatrix((golden + "/p03_mosflm_matrix/A.mat").toStdString());
        QCOMPARE(m[0], 0.0145847357);
        QCOMPARE(m[2], -0.0023776803);
        QCOMPARE(m[4], 0.0123624543);
        QCOMPARE(m[8], 0.0142228953);
    }
};

QTEST_MAIN(IoMatrixTest)
#include "io_matrix_test.moc"
