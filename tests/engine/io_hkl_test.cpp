// HKL text files and the Fdump.bin cache.
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/HklFile.h"

using namespace bragg;
using namespace iotest;

namespace {}  // namespace

class IoHklTest : public QObject {
    Q_OBJECT
private slots:
    void parsesAndFillsDefault() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "a.hkl", "0 0 0 10\n  1 0 0\t-5\n\n0 2 -1 3.5\n");
        io::HklTable t = io::readHkl(path, 7.0);
        QCOMPARE(t.hmin, 0);
        QCOMPARE(t.hmax, 1);
        QCOMPARE(t.kmin, 0);
        QCOMPARE(t.kmax, 2);
        QCOMPARE(t.lmin, -1);
        QCOMPARE(t.lmax, 0);
        QCOMPARE(t.F.size(), std::size_t(2 * 3 * 2));
        QCOMPARE(t.at(0, 0, 0), 10.0);
        QCOMPARE(t.at(1, 0, 0), -5.0);
        QCOMPARE(t.at(0, 2, -1), 3.5);
        QCOMPARE(t.at(1, 1, 0), 7.0);  // not in the file: default_F
        QCOMPARE(t.at(1, 2, -1), 7.0);
        QCOMPARE(t.F[((1 - 0) * 3 + (0 - 0)) * 2 + (0 - -1)], -5.0);  // documented layout
        QVERIFY(t.contains(1, 2, -1));
        QVERIFY(!t.contains(2, 0, 0));
        QVERIFY(!t.contains(0, 0, 1));
    }

    void zeroDefaultAndRepeatedIndex() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "r.hkl", "1 1 1 4\r\n-1 -1 -1 2\r\n1 1 1 9\r\n");
        io::HklTable t = io::readHkl(path, 0.0);
        QCOMPARE(t.at(1, 1, 1), 9.0);  // last one wins
        QCOMPARE(t.at(-1, -1, -1), 2.0);
        QCOMPARE(t.at(0, 0, 0), 0.0);
    }

    void integerValuedDecimalIndexAccepted() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "d.hkl", "1.0 +2 -3.00 1e2\n");
        io::HklTable t = io::readHkl(path, 0.0);
        QCOMPARE(t.hmin, 1);
        QCOMPARE(t.kmin, 2);
        QCOMPARE(t.lmin, -3);
        QCOMPARE(t.at(1, 2, -3), 100.0);
    }

    void wrongFieldCountNamesLine() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "P1.hkl", "0 0 0 1\n\n1 2 3 4 0.5\n");
        QString msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QCOMPARE(msg, QString::fromStdString(path) + ":3: expected 4 numbers 'h k l F', got 5");
        path = writeFile(dir, "P2.hkl", "0 0 0\n");
        msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QCOMPARE(msg, QString::fromStdString(path) + ":1: expected 4 numbers 'h k l F', got 3");
    }

    void nonNumericAndFractionalIndex() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "x.hkl", "0 0 0 1\nh k l F\n");
        QString msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QCOMPARE(msg, QString::fromStdString(path) + ":2: 'h' is not a number");
        path = writeFile(dir, "y.hkl", "0 0 0 1\n0 0 0 1\n0 1.5 0 1\n");
        msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QCOMPARE(msg, QString::fromStdString(path) + ":3: Miller index '1.5' is not an integer");
        path = writeFile(dir, "z.hkl", "0 0 0 nan\n");
        msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QVERIFY2(msg.startsWith(QString::fromStdString(path) + ":1: F 'nan'"), qPrintable(msg));
        path = writeFile(dir, "c.hkl", "# h k l F\n0 0 0 1\n");  // no comment syntax
        msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QCOMPARE(msg, QString::fromStdString(path) + ":1: expected 4 numbers 'h k l F', got 5");
    }

    void emptyOrMissingFile() {
        QTemporaryDir dir;
        auto empty = writeFile(dir, "e.hkl", "");
        QCOMPARE(inputErrorOf([&] { io::readHkl(empty, 1); }),
                 QString::fromStdString(empty) + ": file is empty");
        auto blank = writeFile(dir, "b.hkl", "\n  \n\t\n");
        QCOMPARE(inputErrorOf([&] { io::readHkl(blank, 1); }),
                 QString::fromStdString(blank) + ": no 'h k l F' records");
        auto missing = dir.filePath("missing.hkl").toStdString();
        QCOMPARE(inputErrorOf([&] { io::readHkl(missing, 1); }),
                 QString::fromStdString(missing) + ": cannot open: No such file or directory");
    }

    void absurdRangeRejected() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "big.hkl", "-100000 -100000 0 1\n100000 100000 0 1\n");
        QString msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QVERIFY2(msg.contains("index range too large"), qPrintable(msg));
    }

    void fdumpRoundTrip() {
        QTemporaryDir dir;
        auto hkl = writeFile(dir, "a.hkl", "0 0 0 10\n1 0 0 -5\n0 2 -1 3.5\n");
        io::HklTable t = io::readHkl(hkl, 7.0);
        const std::string dump = dir.filePath("Fdump.bin").toStdString();
        io::writeFdump(dump, t);

        const std::string bytes = slurp(dump);
        const std::string header = "0 1 0 2 -1 0\n\f";
        QCOMPARE(bytes.substr(0, header.size()), header);
        QCOMPARE(bytes.size(), header.size() + 3 * 4 * 3 * 8);  // (R+1)^3 padded body
        auto body = [&](int i, int j, int m) {
            double v;
            std::memcpy(&v, bytes.data() + header.size() + 8 * ((i * 4 + j) * 3 + m), 8);
            return v;
        };
        QCOMPARE(body(0, 0, 1), 10.0);  // (h,k,l) = (0,0,0)
        QCOMPARE(body(1, 0, 1), -5.0);  // (1,0,0)
        QCOMPARE(body(0, 2, 0), 3.5);   // (0,2,-1)
        QCOMPARE(body(1, 1, 0), 7.0);   // default fill is stored
        QCOMPARE(body(0, 0, 2), 0.0);   // padding in l
        QCOMPARE(body(2, 3, 2), 0.0);   // padding corner

        io::HklTable back = io::readHkl(dump, 123.0);  // defaultF unused for a cache
        QCOMPARE(back.hmin, 0);
        QCOMPARE(back.hmax, 1);
        QCOMPARE(back.kmin, 0);
        QCOMPARE(back.kmax, 2);
        QCOMPARE(back.lmin, -1);
        QCOMPARE(back.lmax, 0);
        QVERIFY(back.F == t.F);
    }

    void fdumpBodyStartingWithWhitespaceByte() {
        // The reference reader skips all white space after the header and would lose this byte.
        QTemporaryDir dir;
        io::HklTable t{-1, -1, 0, 0, 5, 5, {std::bit_cast<double>(std::uint64_t(0x3FF0000000000020))}};
        const std::string dump = dir.filePath("ws.bin").toStdString();
        io::writeFdump(dump, t);
        QCOMPARE(slurp(dump)[std::string("-1 -1 0 0 5 5\n\f").size()], ' ');
        io::HklTable back = io::readHkl(dump, 0);
        QCOMPARE(back.at(-1, 0, 5), t.F[0]);
    }

    void truncatedFdumpRejected() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "Fdump.bin", std::string("0 1 0 1 0 1\n\f") + std::string(63, '\0'));
        QString msg = inputErrorOf([&] { io::readHkl(path, 0); });
        QCOMPARE(msg, QString::fromStdString(path) +
                          ": Fdump body has 63 bytes, expected 216 for h 0..1, k 0..1, l 0..1");
    }

    void goldenP1() {
        const QString golden = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
        if (golden.isEmpty()) QSKIP("BRAGG_GOLDEN_DIR not set");
        io::HklTable t = io::readHkl((golden + "/p02_triclinic_hkl/P1.hkl").toStdString(), 0.0);
        QCOMPARE(t.hmin, -10);
        QCOMPARE(t.hmax, 10);
        QCOMPARE(t.lmin, -10);
        QCOMPARE(t.lmax, 10);
        QCOMPARE(t.at(-10, -10, -10), 53.95);
        QCOMPARE(t.at(-10, -10, -9), 112.43);
    }
};

QTEST_MAIN(IoHklTest)
#include "io_hkl_test.moc"
