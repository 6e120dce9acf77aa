// Derived images (docs/physics.md §15) against the golden format samples, byte for byte, plus the
// ROI and mask rules.
#include <QtTest/QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstring>
#include <limits>
#include <numbers>

#include "output/DerivedImages.h"
#include "random/Mosaic.h"
#include "random/Ran1.h"

using namespace bragg;

namespace {

constexpr int kSmvHeader = 512;

QString goldenDir() { return qEnvironmentVariable("BRAGG_GOLDEN_DIR"); }

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

Image readFloatImage(const QString& dir, int fp, int sp) {
    const QByteArray raw = readAll(dir + "/image.f32");
    Image img(fp, sp);
    if (raw.size() == qsizetype(img.size() * sizeof(float)))
        std::memcpy(img.pixels.data(), raw.constData(), raw.size());  // little-endian host
    else
        img.pixels.clear();
    return img;
}

QByteArray u16Bytes(const std::vector<std::uint16_t>& px) {
    return QByteArray(reinterpret_cast<const char*>(px.data()), qsizetype(px.size() * 2));
}

QStringList stdoutTail(const QJsonObject& meta) {
    QStringList lines;
    for (const auto& v : meta["stdout_tail"].toArray()) lines << v.toString();
    return lines;
}

QString fmt(const char* format, double a, double b = 0, double c = 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf, format, a, b, c);
    return QString::fromLatin1(buf);
}

// Index of the first differing byte, or -1.
qsizetype firstDiff(const QByteArray& a, const QByteArray& b) {
    const qsizetype n = std::min(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        if (a[i] != b[i]) return i;
    return a.size() == b.size() ? -1 : n;
}

struct Golden {
    QString dir;
    QJsonObject meta;
    Image image;
};

Golden loadGolden(const QString& name) {
    Golden g;
    g.dir = goldenDir() + "/" + name;
    g.meta = QJsonDocument::fromJson(readAll(g.dir + "/meta.json")).object();
    g.image = readFloatImage(g.dir, g.meta["fpixels"].toInt(), g.meta["spixels"].toInt());
    return g;
}

}  // namespace

class OutputDerivedTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void p01Samples();
    void p05Samples();
    void roiOutsideIsZero();
    void maskedPixels();
    void userScales();
    void overloadsAreCounted();
    void infinitePixelsGiveTheOriginalsBytes();
};

void OutputDerivedTest::initTestCase() {
    if (goldenDir().isEmpty()) QSKIP("BRAGG_GOLDEN_DIR is not set");
}

void OutputDerivedTest::p01Samples() {
    const Golden g = loadGolden("p01_cubic_default_F");
    QCOMPARE(g.image.fpixels, 128);
    QVERIFY2(!g.image.pixels.empty(), "cannot read p01 image.f32");
    const auto sel = PixelSelection::whole(128, 128);
    const QStringList tail = stdoutTail(g.meta);

    const ImageStats st = computeStats(g.image, sel);
    QCOMPARE(st.rendered, 128L * 128L);
    QCOMPARE(st.maxFast, g.meta["argmax_fast"].toInt());
    QCOMPARE(st.maxSlow, g.meta["argmax_slow"].toInt());
    QCOMPARE(st.maxI, g.meta["max"].toDouble());
    QCOMPARE(fmt("mean= %g rms= %g rmsd= %g", st.mean, st.rms, st.rmsd),
             QString("mean= 2.24087 rms= 10.2033 rmsd= 9.95422"));
    QVERIFY(tail.contains(fmt("mean= %g rms= %g rmsd= %g", st.mean, st.rms, st.rmsd)));
    QVERIFY(tail.contains(fmt("max_I = %g  at 0.006575 0.006575", st.maxI)));

    // Noiseless SMV pixels.
    const IntImage ints = makeIntImage(g.image, sel, 0, 40);
    QVERIFY(tail.contains(fmt("intfile_scale = %g", ints.scale)));
    const QByteArray smv = readAll(g.dir + "/image.img");
    QCOMPARE(smv.size(), qsizetype(kSmvHeader + 2 * 128 * 128));
    QCOMPARE(firstDiff(u16Bytes(ints.pixels), smv.mid(kSmvHeader)), qsizetype(-1));

    // PGM: the whole file, header included.
    const PgmImage pgm = makePgm(g.image, sel, 0, ints.scale, st);
    QVERIFY(tail.contains(fmt("pgm_scale = %g", pgm.scale)));
    const std::vector<std::uint8_t> pgmBytes = pgmFileBytes(pgm);
    const QByteArray pgmGolden = readAll(g.dir + "/image.pgm");
    QCOMPARE(firstDiff(QByteArray(reinterpret_cast<const char*>(pgmBytes.data()), qsizetype(pgmBytes.size())),
                       pgmGolden),
             qsizetype(-1));

    // Noise image: -seed 12345.
    Ran1Table table;
    long long idum = -12345;
    const NoiseImage noise = makeNoiseImage(g.image, sel, 40, idum, table);
    const QJsonObject ns = g.meta["format_samples"].toObject()["noisefile"].toObject();
    QCOMPARE(noise.photons, ns["photons"].toDouble());
    QCOMPARE(double(noise.overloads), ns["overloads"].toDouble());
    QVERIFY(tail.contains(
        fmt("%.0f photons on noise image (%.0f overloads)", noise.photons, double(noise.overloads))));
    const QByteArray noiseGolden = readAll(g.dir + "/noise.img");
    QCOMPARE(firstDiff(u16Bytes(noise.pixels), noiseGolden.mid(kSmvHeader)), qsizetype(-1));
}

void OutputDerivedTest::p05Samples() {
    const Golden g = loadGolden("p05_mosaic");
    QCOMPARE(g.image.fpixels, 160);
    QVERIFY2(!g.image.pixels.empty(), "cannot read p05 image.f32");
    const auto sel = PixelSelection::whole(160, 160);
    const QStringList tail = stdoutTail(g.meta);

    const ImageStats st = computeStats(g.image, sel);
    QVERIFY(tail.contains(fmt("mean= %g rms= %g rmsd= %g", st.mean, st.rms, st.rmsd)));

    const IntImage ints = makeIntImage(g.image, sel, 0, 40);
    QCOMPARE(
        fmt("%g", ints.scale),
        fmt("%g", g.meta["format_samples"].toObject()["intfile"].toObject()["intfile_scale"].toDouble()));
    QCOMPARE(firstDiff(u16Bytes(ints.pixels), readAll(g.dir + "/image.img").mid(kSmvHeader)), qsizetype(-1));

    // Same stream order as the reference run: 12 mosaic domains (-mosaic_seed 777, 0.8°) on
    // the shared table, then the noise stream with the last seed option (-seed 4321).
    Ran1Table table;
    long long mosaicSeed = -777;
    const auto domains = mosaicDomains(12, 0.8 * std::numbers::pi / 180.0, mosaicSeed, table);
    QCOMPARE(int(domains.size()), 12);
    long long noiseSeed = -4321;
    const NoiseImage noise = makeNoiseImage(g.image, sel, 40, noiseSeed, table);
    const QJsonObject ns = g.meta["format_samples"].toObject()["noisefile"].toObject();
    QCOMPARE(noise.photons, ns["photons"].toDouble());
    QCOMPARE(double(noise.overloads), ns["overloads"].toDouble());
    QCOMPARE(firstDiff(u16Bytes(noise.pixels), readAll(g.dir + "/noise.img").mid(kSmvHeader)), qsizetype(-1));
}

void OutputDerivedTest::roiOutsideIsZero() {
    Image img(5, 4);
    for (std::size_t i = 0; i < img.size(); ++i) img.pixels[i] = float(i % 7) + 0.25f;
    PixelSelection sel = PixelSelection::whole(5, 4);
    sel.xmin = 1, sel.xmax = 3, sel.ymin = 1, sel.ymax = 2;

    const ImageStats st = computeStats(img, sel);
    QCOMPARE(st.rendered, 6L);
    const IntImage ints = makeIntImage(img, sel, 10, 40);
    const PgmImage pgm = makePgm(img, sel, 20, ints.scale, st);
    Ran1Table table;
    long long idum = -3;
    const NoiseImage noise = makeNoiseImage(img, sel, 40, idum, table);
    for (int s = 0; s < 4; ++s) {
        for (int f = 0; f < 5; ++f) {
            const std::size_t i = std::size_t(s) * 5 + f;
            if (sel.inRoi(f, s)) {
                QCOMPARE(int(ints.pixels[i]), int(std::floor(img.pixels[i] * 10.0 + 40 + 0.5)));
                QCOMPARE(int(pgm.pixels[i]), int(std::min(255.0, img.pixels[i] * 20.0)));
                QVERIFY(noise.pixels[i] >= 40);
            } else {
                QCOMPARE(int(ints.pixels[i]), 0);
                QCOMPARE(int(pgm.pixels[i]), 0);
                QCOMPARE(int(noise.pixels[i]), 0);
            }
        }
    }
}

void OutputDerivedTest::maskedPixels() {
    // A bright value under the mask must be ignored: int image gets adc, noise draws poidev(0).
    Image img(3, 2);
    img.pixels = {0.0f, 0.0f, 0.0f, 0.0f, 5000.0f, 2.0f};
    PixelSelection sel = PixelSelection::whole(3, 2);
    sel.mask = {1, 1, 1, 1, 0, 1};

    const ImageStats st = computeStats(img, sel);
    QCOMPARE(st.rendered, 5L);
    QCOMPARE(st.maxI, 2.0);
    QCOMPARE(st.maxFast, 2);
    QCOMPARE(st.maxSlow, 1);
    QCOMPARE(st.mean, 0.4);
    QCOMPARE(st.rms, std::sqrt(4.0 / 4.0));
    // rmsd: 6 ROI pixels (masked one as 0) about the rendered mean, / (6 − 1).
    QCOMPARE(st.rmsd, std::sqrt((5 * 0.4 * 0.4 + 1.6 * 1.6) / 5.0));

    const IntImage ints = makeIntImage(img, sel, 0, 40);
    QCOMPARE(ints.scale, 55000.0 / 2.0);
    QCOMPARE(int(ints.pixels[4]), 40);
    QCOMPARE(int(ints.pixels[5]), 55040);

    // Zeros everywhere except the masked pixel: every ROI pixel costs exactly one draw.
    Image zeros(3, 2);
    zeros.pixels = {0, 0, 0, 0, 5000.0f, 0};
    Ran1Table t1, t2;
    long long a = -11, b = -11;
    const NoiseImage noise = makeNoiseImage(zeros, sel, 40, a, t1);
    for (int i = 0; i < 6; ++i) ran1(b, t2);
    QCOMPARE(a, b);
    QCOMPARE(t1.iy, t2.iy);
    QCOMPARE(int(noise.pixels[4]), 40);
    QCOMPARE(noise.photons, 0.0);
}

void OutputDerivedTest::userScales() {
    Image img(2, 1);
    img.pixels = {1.0f, 3.0f};
    const auto sel = PixelSelection::whole(2, 1);
    const ImageStats st = computeStats(img, sel);
    QCOMPARE(makeIntImage(img, sel, 2.5, 0).scale, 2.5);
    QCOMPARE(makePgm(img, sel, 7.0, 1.0, st).scale, 7.0);
    QCOMPARE(makePgm(img, sel, 0, 1.0, st).scale, 250.0 / (5.0 * st.rmsd));
    // All-zero image: int scale 1, PGM falls back to the int scale (rmsd 0).
    Image dark(2, 1);
    const ImageStats ds = computeStats(dark, sel);
    const IntImage di = makeIntImage(dark, sel, 0, 40);
    QCOMPARE(di.scale, 1.0);
    QCOMPARE(makePgm(dark, sel, 0, di.scale, ds).scale, 1.0);
    // Clipping of the int image and PGM.
    const IntImage hi = makeIntImage(img, sel, 1e6, 40);
    QCOMPARE(int(hi.pixels[1]), 65535);
    QCOMPARE(int(makePgm(img, sel, 100, 1, st).pixels[1]), 255);
    QCOMPARE(pgmFileBytes(makePgm(img, sel, 100, 1, st)).size(),
             std::strlen("P5\n2 1\n# pixels scaled by 100\n255\n") + 2);
}

void OutputDerivedTest::overloadsAreCounted() {
    Image img(2, 1);
    img.pixels = {70000.0f, 0.0f};
    const auto sel = PixelSelection::whole(2, 1);
    Ran1Table table;
    long long idum = -5;
    const NoiseImage noise = makeNoiseImage(img, sel, 40, idum, table);
    QCOMPARE(noise.overloads, 1L);
    QCOMPARE(int(noise.pixels[0]), 65535);
    QCOMPARE(int(noise.pixels[1]), 40);
}

// An inf pixel makes the automatic int scale 55000/inf = 0, so inf · 0 = NaN there: the original
// program writes 0 (x86 conversion), the others get the ADC offset; its PGM is all 0 (the same bytes
// as the original's for golden case p18, compare_nonfinite_cli_test).
void OutputDerivedTest::infinitePixelsGiveTheOriginalsBytes() {
    Image img(3, 1);
    img.pixels = {std::numeric_limits<float>::infinity(), 5.0f, 0.0f};
    const auto sel = PixelSelection::whole(3, 1);
    const IntImage ints = makeIntImage(img, sel, 0, 40);
    QCOMPARE(ints.scale, 0.0);
    QCOMPARE(int(ints.pixels[0]), 0);
    QCOMPARE(int(ints.pixels[1]), 40);
    QCOMPARE(int(ints.pixels[2]), 40);
    const PgmImage pgm = makePgm(img, sel, 0, ints.scale, computeStats(img, sel));
    QCOMPARE(int(pgm.pixels[0]), 0);
    QCOMPARE(int(pgm.pixels[1]), 0);
}

QTEST_MAIN(OutputDerivedTest)
#include "output_derived_test.moc"
