// Raw float32 images and the PGM preview.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>

#include "IoTestSupport.h"
#include "core/Error.h"
#include "io/Pgm.h"
#include "io/RawFloat.h"

using namespace bragg;
using namespace iotest;

namespace {}  // namespace

class IoRawFloatPgmTest : public QObject {
    Q_OBJECT
private slots:
    void floatRoundTrip() {
        QTemporaryDir dir;
        Image img(3, 2);
        img.pixels = {0.0f, 1.0f, -2.5f, 1e-30f, 65535.5f, 3.25f};
        const std::string path = dir.filePath("f.bin").toStdString();
        io::writeFloatImage(path, img);
        const std::string bytes = slurp(path);
        QCOMPARE(bytes.size(), std::size_t(24));
        QCOMPARE(bytes.substr(4, 4), std::string("\x00\x00\x80\x3f", 4));  // 1.0f little-endian
        Image back = io::readFloatImage(path, 3, 2);
        QCOMPARE(back.fpixels, 3);
        QCOMPARE(back.spixels, 2);
        QVERIFY(back.pixels == img.pixels);
        QCOMPARE(back.at(2, 0), -2.5f);  // fast 2, slow 0
        QCOMPARE(back.at(1, 1), 65535.5f);
    }

    void wrongSizeIsAnError() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("f.bin").toStdString();
        io::writeFloatImage(path, Image(3, 2));
        QCOMPARE(inputErrorOf([&] { io::readFloatImage(path, 4, 2); }),
                 QString::fromStdString(path) + ": expected 32 bytes (4 x 2 float32), got 24");
    }

    void readsGoldenFloatImage() {
        const QString golden = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
        if (golden.isEmpty()) QSKIP("BRAGG_GOLDEN_DIR not set");
        Image img = io::readFloatImage((golden + "/p01_cubic_default_F/image.f32").toStdString(), 128, 128);
        double sum = 0, maxV = 0;
        for (float v : img.pixels) {
            sum += v;
            maxV = std::max(maxV, double(v));
        }
        QVERIFY(std::fabs(sum / 36714.461544715545 - 1) < 1e-9);  // meta.json "sum"
        QCOMPARE(maxV, 97.28060913085938);
        QCOMPARE(double(img.at(65, 65)), 97.28060913085938);  // argmax slow 65, fast 65
    }

    void pgmMatchesGolden() {
        const QString golden = qEnvironmentVariable("BRAGG_GOLDEN_DIR");
        if (golden.isEmpty()) QSKIP("BRAGG_GOLDEN_DIR not set");
        const std::string ref = slurp((golden + "/p01_cubic_default_F/image.pgm").toStdString());
        const std::string header = "P5\n128 128\n# pixels scaled by 5.023\n255\n";
        QCOMPARE(ref.substr(0, header.size()), header);
        QCOMPARE(ref.size(), header.size() + 128 * 128);
        std::vector<std::uint8_t> bytes(ref.begin() + std::ptrdiff_t(header.size()), ref.end());
        QTemporaryDir dir;
        const std::string path = dir.filePath("image.pgm").toStdString();
        io::writePgm(path, 128, 128, bytes, 5.023);
        QCOMPARE(QByteArray::fromStdString(slurp(path)), QByteArray::fromStdString(ref));
    }

    void pgmHeaderFormat() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("p.pgm").toStdString();
        io::writePgm(path, 3, 1, {0, 128, 255}, 1234567.0);
        QCOMPARE(slurp(path),
                 "P5\n3 1\n# pixels scaled by 1.23457e+06\n255\n" + std::string("\x00\x80\xff", 3));
        bool threw = false;
        try {
            io::writePgm(path, 3, 2, {0, 1, 2}, 1.0);
        } catch (const std::invalid_argument&) {
            threw = true;
        }
        QVERIFY(threw);
    }
};

QTEST_MAIN(IoRawFloatPgmTest)
#include "io_rawfloat_pgm_test.moc"
