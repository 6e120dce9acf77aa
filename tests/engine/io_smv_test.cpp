// SMV header formatting (byte-identical to the reference) and header/pixel reading rules.
#include <QTemporaryDir>
#include <QtTest>

#include <clocale>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/CText.h"
#include "io/Smv.h"

using namespace bragg;
using namespace iotest;
using namespace std::string_literals;

namespace {

// A hand-made header: `items` then "}\f", padded with spaces to `size` bytes.
std::string rawHeader(const std::string& items, std::size_t size = 512) {
    std::string h = "{\nHEADER_BYTES=" + std::to_string(size) + ";\n" + items + "}\f";
    h.resize(size, ' ');
    return h;
}

// The fields behind golden p01's image.img (128x128 default MOSFLM detector).
io::SmvHeaderFields p01Fields() {
    io::SmvHeaderFields f;
    f.fpixels = f.spixels = 128;
    f.pixelMm = 0.1;
    f.distanceMm = 100;
    f.wavelengthA = 1;
    f.beamCenterXMm = f.beamCenterYMm = 6.45;
    f.fbeamMm = f.sbeamMm = 6.5;
    f.detsizeSMm = 12.8;
    f.dialsOrigin[0] = -6.5;
    f.dialsOrigin[1] = 6.5;
    f.dialsOrigin[2] = -100;
    f.orgx = f.orgy = 65.5;
    f.closeDistanceMm = 100;
    return f;
}

}  // namespace

class IoSmvTest : public QObject {
    Q_OBJECT
private slots:
    void headerMatchesGoldenBytes() {
        const QString golden = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
        if (golden.isEmpty()) QSKIP("BRAGG_GOLDEN_DIR not set");
        const std::string ref =
            slurp((golden + "/p01_cubic_default_F/image.img").toStdString()).substr(0, 512);
        const std::string ours = io::formatSmvHeader(p01Fields());
        QCOMPARE(ours.size(), std::size_t(512));
        QCOMPARE(QByteArray::fromStdString(ours), QByteArray::fromStdString(ref));
    }

    void readsGoldenImage() {
        const QString golden = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
        if (golden.isEmpty()) QSKIP("BRAGG_GOLDEN_DIR not set");
        io::SmvFile smv = io::readSmv((golden + "/p01_cubic_default_F/image.img").toStdString(), true);
        QCOMPARE(smv.headerBytes, 512);
        QCOMPARE(smv.width, 128);
        QCOMPARE(smv.height, 128);
        QCOMPARE(smv.pixels.size(), std::size_t(128 * 128));
        QCOMPARE(smv.value("PIXEL_SIZE"), std::optional(0.1));
        QCOMPARE(smv.value("BEAM_CENTER_X"), std::optional(6.45));
        QCOMPARE(smv.pixels[65 * 128 + 65], std::uint16_t(55040));  // max -> 55000 + ADC 40
        QVERIFY(io::readSmv((golden + "/p01_cubic_default_F/noise.img").toStdString(), false).pixels.empty());
    }

    void specExampleValues() {
        io::SmvHeaderFields f;
        f.fpixels = f.spixels = 500;
        f.pixelMm = 0.1;
        f.distanceMm = 100;
        f.wavelengthA = 1;
        f.beamCenterXMm = f.beamCenterYMm = 25.05;
        f.fbeamMm = f.sbeamMm = 25.1;
        f.detsizeSMm = 50;
        f.dialsOrigin[0] = -25.1;
        f.dialsOrigin[1] = 25.1;
        f.dialsOrigin[2] = -100;
        f.orgx = f.orgy = 251.5;
        f.closeDistanceMm = 100;
        const QByteArray h = QByteArray::fromStdString(io::formatSmvHeader(f));
        for (const char* item :
             {"\nSIZE1=500;\n", "\nPIXEL_SIZE=0.1;\n", "\nDISTANCE=100;\n", "\nBEAM_CENTER_X=25.05;\n",
              "\nADXV_CENTER_X=25.1;\n", "\nADXV_CENTER_Y=24.9;\n", "\nMOSFLM_CENTER_X=25.05;\n",
              "\nDENZO_X_BEAM=25.1;\n", "\nDIALS_ORIGIN=-25.1,25.1,-100\n", "\nXDS_ORGX=251.5;\n",
              "\nCLOSE_DISTANCE=100;\n"})
            QVERIFY2(h.contains(item), item);
        QVERIFY(h.contains("BEAMLINE=fake;\n}\f   "));
        QVERIFY(h.endsWith(' '));
    }

    void formatGMatchesPrintf() {
        std::setlocale(LC_NUMERIC, "C");
        for (double v : {0.0, -0.0, 1.0, 0.1, 6.45, 12.8 - 6.5, 100.0, 123456.0, 1234567.0, 1e-5, 0.0001,
                         0.00012345678, -251.5, 1e300, 3.14159265358979, 999999.5, 5.023}) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%g", v);
            QCOMPARE(QString::fromStdString(io::formatG(v)), QString(buf));
        }
    }

    void lastOccurrenceRule() {
        QTemporaryDir dir;
        io::SmvHeaderFields f = p01Fields();
        f.fpixels = 3;
        f.spixels = 2;
        f.distanceMm = 100;
        f.closeDistanceMm = 95;
        f.orgx = 1.5;
        f.phiDeg = 10;
        f.oscDeg = 0.25;
        const std::string path = dir.filePath("x.img").toStdString();
        const std::vector<std::uint16_t> px{0, 1, 65535, 256, 513, 40};
        io::writeSmv(path, f, px);
        QCOMPARE(slurp(path).size(), std::size_t(512 + 12));

        io::SmvFile smv = io::readSmv(path, true);
        QCOMPARE(smv.value("DISTANCE"), std::optional(95.0));  // CLOSE_DISTANCE comes last
        QCOMPARE(smv.value("ORGX"), std::optional(1.5));       // XDS_ORGX
        QCOMPARE(smv.value("PHI"), std::optional(10.0));
        QCOMPARE(smv.value("OSC_RANGE"), std::optional(0.25));
        QCOMPARE(smv.value("NOT_THERE"), std::optional<double>());
        QCOMPARE(smv.value("fake"), std::optional(0.0));  // found, no '=' after it
        QCOMPARE(smv.width, 3);
        QCOMPARE(smv.height, 2);
        QVERIFY(smv.pixels == px);
        QVERIFY(io::readSmv(path, false).pixels.empty());
    }

    void equalsSignMayBeOnALaterLine() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "e.img", rawHeader("SIZE1=1;\nSIZE2=1;\nKEY\nOTHER=7;\n"));
        QCOMPARE(io::readSmv(path, false).value("KEY"), std::optional(7.0));
    }

    void shortFileIsAnError() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "short.img", rawHeader("SIZE1=1;\nSIZE2=1;\n").substr(0, 511));
        QCOMPARE(inputErrorOf([&] { io::readSmv(path, true); }),
                 QString::fromStdString(path) +
                     ": too short for an SMV image (511 bytes, the header alone is 512)");
    }

    void badSignatureIsAnError() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "bad.img", "{\r\nHEADER_BYTES=512;" + std::string(600, ' '));
        QString msg = inputErrorOf([&] { io::readSmv(path, true); });
        QVERIFY2(msg.startsWith(QString::fromStdString(path) + ": not an SMV image"), qPrintable(msg));
        QVERIFY(!msg.contains('\n'));
        auto missing = dir.filePath("none.img").toStdString();
        QCOMPARE(inputErrorOf([&] { io::readSmv(missing, true); }),
                 QString::fromStdString(missing) + ": cannot open: No such file or directory");
    }

    void missingPixelsReadAsZero() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "trunc.img",
                              rawHeader("SIZE1=4;\nSIZE2=4;\n") + std::string("\x01\x00\x02\x01\x05", 5));
        io::SmvFile smv = io::readSmv(path, true);
        QCOMPARE(smv.pixels.size(), std::size_t(16));
        QCOMPARE(smv.pixels[0], std::uint16_t(1));
        QCOMPARE(smv.pixels[1], std::uint16_t(0x0102));
        QCOMPARE(smv.pixels[2], std::uint16_t(0));  // the lone fifth byte is not a value
        QCOMPARE(smv.pixels[15], std::uint16_t(0));
    }

    void sizeFallbacks() {
        QTemporaryDir dir;
        auto a = writeFile(dir, "a.img", rawHeader("SIZE1=0;\nSIZE2=9;\nDETECTOR_DIMENSIONS=3 5;\n"));
        io::SmvFile smv = io::readSmv(a, false);
        QCOMPARE(smv.width, 3);
        QCOMPARE(smv.height, 3);
        auto b = writeFile(dir, "b.img", rawHeader("DETECTOR_DIMENSIONS=2;\n"));
        QCOMPARE(io::readSmv(b, false).width, 2);
        auto c = writeFile(dir, "c.img", rawHeader("PIXEL_SIZE=0.1;\n"));
        QVERIFY(inputErrorOf([&] { io::readSmv(c, false); }).contains("no SIZE1"));
        auto d = writeFile(dir, "d.img", rawHeader("SIZE1=100000;\nSIZE2=100000;\n"));
        QVERIFY(inputErrorOf([&] { io::readSmv(d, false); }).contains("unusable image size"));
    }

    void headerEndsAtNul() {
        QTemporaryDir dir;
        auto path = writeFile(dir, "n.img", rawHeader("SIZE1=2;\nSIZE2=2;\n\0SIZE1=5;\n"s));
        QCOMPARE(io::readSmv(path, false).width, 2);
    }

    void largerHeaderBytesIsReread() {
        QTemporaryDir dir;
        // SIZE1/SIZE2 sit beyond byte 512: only visible after the re-read at HEADER_BYTES.
        std::string items = std::string(600, ' ') + "\nSIZE1=2;\nSIZE2=1;\n";
        auto path = writeFile(dir, "big.img", rawHeader(items, 1024) + std::string("\x07\x00\x08\x00", 4));
        io::SmvFile smv = io::readSmv(path, true);
        QCOMPARE(smv.headerBytes, 1024);
        QCOMPARE(smv.width, 2);
        QVERIFY((smv.pixels == std::vector<std::uint16_t>{7, 8}));
    }

    void longValuesGrowTheHeader() {
        QTemporaryDir dir;
        io::SmvHeaderFields f = p01Fields();
        f.fpixels = 2;
        f.spixels = 1;
        for (double* v : {&f.pixelMm, &f.distanceMm, &f.wavelengthA, &f.beamCenterXMm, &f.beamCenterYMm,
                          &f.fbeamMm, &f.sbeamMm, &f.orgx, &f.orgy, &f.closeDistanceMm, &f.phiDeg, &f.oscDeg,
                          &f.twothetaDeg, &f.dialsOrigin[0], &f.dialsOrigin[1], &f.dialsOrigin[2]})
            *v = -1.23456789e-100;
        const std::string h = io::formatSmvHeader(f);
        QCOMPARE(h.size(), std::size_t(1024));
        QVERIFY(h.rfind("{\nHEADER_BYTES=1024;\n", 0) == 0);
        const std::string path = dir.filePath("long.img").toStdString();
        io::writeSmv(path, f, {11, 12});
        io::SmvFile smv = io::readSmv(path, true);
        QCOMPARE(smv.headerBytes, 1024);
        QCOMPARE(smv.value("PIXEL_SIZE"), std::optional(-1.23457e-100));
        QVERIFY((smv.pixels == std::vector<std::uint16_t>{11, 12}));
    }
};

QTEST_MAIN(IoSmvTest)
#include "io_smv_test.moc"
